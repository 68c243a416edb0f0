using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Grains.Reviews;
using OrleansShop.Grains.Sandbox;

namespace OrleansShop.Silo.Providers.Sandbox;

/// <summary>Invites no one and registers nothing: records both in the sandbox log (<c>GET /v1/sandbox/reviews</c>), without the address.</summary>
internal sealed class SandboxReviewProvider(IGrainFactory grains) : IReviewProvider
{
    private ISandboxReviewsGrain Log => grains.GetGrain<ISandboxReviewsGrain>(SandboxLogs.Key);

    public async Task<DeliveryOutcome> InviteAsync(ReviewInvitation invitation, string email, string idempotencyKey, CancellationToken cancellationToken) =>
        Receipt(await Log.InviteAsync(invitation, idempotencyKey));

    public async Task<DeliveryOutcome> ProtectAsync(ProtectionRequest request, string email, string idempotencyKey, CancellationToken cancellationToken) =>
        Receipt(await Log.ProtectAsync(request, idempotencyKey));

    private static DeliveryOutcome Receipt(string reference) => DeliveryOutcome.Delivered(JsonSerializer.Serialize(new TrustedShopsReceipt(reference), GrainJson.Options));
}
