using OrleansShop.Effects;

namespace OrleansShop.Grains.Reviews;

public sealed class ReviewInvitationGrain([PersistentState("reviewinvitation")] IPersistentState<GrainRecord<TrustedShopsCallState>> state)
    : TrustedShopsCallGrain<IReviewInvitationGrain>(state, ReviewNames.Invite, ReviewNames.ReviewEffect, "invited", nameof(IReviewInvitationGrain.OnInvitedAsync)), IReviewInvitationGrain
{
    public Task InviteAsync(ReviewInvitation invitation) => RequestAsync(invitation ?? throw new ArgumentNullException(nameof(invitation)));

    public Task OnInvitedAsync(ExternalCallResult result) => CompleteAsync(result);
}
