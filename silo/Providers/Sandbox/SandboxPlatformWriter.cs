using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Grains.Sandbox;

namespace OrleansShop.Silo.Providers.Sandbox;

/// <summary>Calls no platform: records what the order was told in the sandbox platform (<c>GET /v1/sandbox/platform</c>), once per fact of an order.</summary>
internal sealed class SandboxPlatformWriter(IGrainFactory grains) : IPlatformWriter
{
    public async Task<DeliveryOutcome> WriteAsync(PlatformAccount account, PlatformUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(update);
        var added = await grains.GetGrain<ISandboxPlatformGrain>(SandboxLogs.Key).RecordAsync(
            new SandboxPlatformWrite(update.ShopId, update.OrderId, account.Platform, update.Fact, update.Tags, update.Note, update.Status, update.Cancel));
        return DeliveryOutcome.Delivered(JsonSerializer.Serialize(new { platform = account.Platform, provider = "sandbox", written = added }, GrainJson.Options));
    }
}
