using OrleansShop.Effects;

namespace OrleansShop.Silo.Providers.Platforms;

/// <summary>The platform's admin API, by <see cref="PlatformAccount.Platform"/>. (Skeleton: the clients are being written.)</summary>
internal sealed class LivePlatformWriter : IPlatformWriter
{
    public Task<DeliveryOutcome> WriteAsync(PlatformAccount account, PlatformUpdate update, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
