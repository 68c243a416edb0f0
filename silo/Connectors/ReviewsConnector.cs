using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Privacy;
using OrleansShop.Grains.Reviews;
using OrleansShop.Silo.Providers;

namespace OrleansShop.Silo.Connectors;

/// <summary>
/// Delivers the outbox's <c>trustedShops</c> calls to the review provider: review invitations and
/// buyer protections. The buyer's address travels sealed to its order and is opened here, just
/// before the call, and nowhere else.
/// </summary>
internal sealed class ReviewsConnector(IReviewProvider reviews, EmailSealer sealer) : IExternalCallHandler
{
    public string Connector => ReviewNames.Connector;

    public async Task<DeliveryOutcome> DeliverAsync(ExternalCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.Operation switch
        {
            ReviewNames.Invite when JsonSerializer.Deserialize<ReviewInvitation>(call.Payload, GrainJson.Options) is { } invitation =>
                Open(invitation.ShopId, invitation.OrderId, invitation.SealedEmail) is { } email
                    ? await reviews.InviteAsync(invitation, email, call.IdempotencyKey, cancellationToken)
                    : Unopened,
            ReviewNames.Protect when JsonSerializer.Deserialize<ProtectionRequest>(call.Payload, GrainJson.Options) is { } request =>
                Open(request.ShopId, request.OrderId, request.SealedEmail) is { } email
                    ? await reviews.ProtectAsync(request, email, call.IdempotencyKey, cancellationToken)
                    : Unopened,
            _ => DeliveryOutcome.Permanent($"The trustedShops connector cannot '{call.Operation}'."),
        };
    }

    private static DeliveryOutcome Unopened =>
        DeliveryOutcome.Permanent("the buyer's sealed address does not open here (a sealing key this silo lacks, or another order's address)");

    private string? Open(string shopId, string orderId, string sealedEmail) => sealer.Unseal(sealedEmail, OrderKeys.SealingContext(shopId, orderId));
}
