using OrleansShop.Effects;
using OrleansShop.Grains.Reviews;

namespace OrleansShop.Grains.Sandbox;

/// <summary>
/// The SANDBOX Trusted Shops of the embedded default: it invites no one and registers nothing, and
/// keeps what it would have sent (the latest 500 of each) in the cluster database, so every silo
/// shows the same list. Key: <c>all</c>.
/// </summary>
public interface ISandboxReviewsGrain : IGrainWithStringKey
{
    /// <summary>Records an invitation once per idempotency key; answers its sandbox EventRef.</summary>
    Task<string> InviteAsync(ReviewInvitation invitation, string idempotencyKey);

    /// <summary>Records a protection once per idempotency key; answers its sandbox protection number.</summary>
    Task<string> ProtectAsync(ProtectionRequest request, string idempotencyKey);

    Task<SandboxReviews> ListAsync();
}

/// <summary>What the sandbox would have sent, without the buyer's address (the connector checked that it opens).</summary>
public sealed record SandboxReviews(IReadOnlyList<SandboxInvitation> Invitations, IReadOnlyList<SandboxProtection> Protections);

public sealed record SandboxInvitation(string EventRef, DateTimeOffset At, string ShopId, string OrderId, string Tsid, string Reference, string? CustomerName, IReadOnlyList<ReviewedProduct> Products, string IdempotencyKey);

public sealed record SandboxProtection(string Number, DateTimeOffset At, string ShopId, string OrderId, string Tsid, string ProductId, string Amount, string Currency, string IdempotencyKey);
