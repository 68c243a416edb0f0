using System.Text.Json;
using OrleansShop.Grains.Orders;
using OrleansShop.Runtime;

namespace OrleansShop.Grains.Reviews;

public sealed class ReviewInvitationGrain(IPersistentState<ReviewInvitationState> state) : Grain, IReviewInvitationGrain
{
    public async Task InviteAsync(ReviewInvitation invitation)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        if (state.State.Status != "none")
        {
            return;
        }

        Outbox.Call(ReviewNames.Connector, ReviewNames.Invite, invitation, ReplyTo.Grain<IReviewInvitationGrain>(GetPrimaryKeyString(), nameof(OnInvitedAsync)));
        state.State = new ReviewInvitationState { Status = "pending", RequestedAt = TimeProvider.GetUtcNow() };
        await state.WriteStateAsync();
    }

    public async Task OnInvitedAsync(ExternalCallResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (state.State.Status == "invited")
        {
            return;
        }

        var eventRef = result is { Succeeded: true, Response: { } response } ? JsonSerializer.Deserialize<InvitationReceipt>(response, GrainJson.Options)?.EventRef : null;
        state.State = result.Succeeded
            ? state.State with { Status = "invited", EventRef = eventRef, InvitedAt = TimeProvider.GetUtcNow(), LastError = null }
            : state.State with { Status = "failed", LastError = result.Error };
        var update = new SideEffectUpdate(ReviewNames.ReviewEffect, state.State.Status, TimeProvider.GetUtcNow(), result.Succeeded ? eventRef : result.Error);
        Outbox.Send<IOrderGrain>(GetPrimaryKeyString(), order => order.SideEffectChangedAsync(update));
        await state.WriteStateAsync();
    }
}
