using OrleansShop.Effects;

namespace OrleansShop.Grains.Reviews;

/// <summary>
/// The Trusted Shops review invitation of one order. Key: the order's key. It asks eTrusted once
/// (through the outbox, with an idempotency key) and tells the order: invited with eTrusted's
/// EventRef, or failed with the reason.
/// </summary>
public interface IReviewInvitationGrain : IGrainWithStringKey
{
    /// <summary>Invites once; later calls change nothing.</summary>
    Task InviteAsync(ReviewInvitation invitation);

    /// <summary>The connector's outcome (a reply to the outbox call).</summary>
    Task OnInvitedAsync(ExternalCallResult result);
}
