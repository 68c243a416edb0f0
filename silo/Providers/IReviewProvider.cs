using OrleansShop.Effects;
using OrleansShop.Grains.Reviews;
using OrleansShop.Grains.Shops;

namespace OrleansShop.Silo.Providers;

/// <summary>
/// Review invitations and buyer protection: <see cref="Sandbox.SandboxReviewProvider"/> or Trusted
/// Shops with the shop's own credentials, chosen once at start-up from <c>Providers:Mode</c>. The
/// buyer's address comes opened from its sealed form, for this call only.
/// </summary>
internal interface IReviewProvider
{
    /// <summary>Invites the buyer to review the order; the delivered receipt is a <see cref="TrustedShopsReceipt"/>.</summary>
    Task<DeliveryOutcome> InviteAsync(ReviewInvitation invitation, string email, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Registers the order's buyer protection; the delivered receipt is a <see cref="TrustedShopsReceipt"/>.</summary>
    Task<DeliveryOutcome> ProtectAsync(ProtectionRequest request, string email, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// Checks a shop's reviews settings with the provider: the certificate (live, for the shop's url),
    /// for Excellence the protection login and the protection products, and the eTrusted API client.
    /// Never throws for the provider's answers: a service that does not answer is a problem marked unreachable.
    /// </summary>
    Task<ReviewAccountCheck> CheckAccountAsync(ShopSettings settings, CancellationToken cancellationToken);
}
