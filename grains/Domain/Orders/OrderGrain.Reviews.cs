using OrleansShop.Grains.Reviews;

namespace OrleansShop.Grains.Orders;

/// <summary>The order's Trusted Shops side effects: a review invitation after delivery, buyer protection at checkout.</summary>
public sealed partial class OrderGrain
{
    /// <summary>
    /// Invites the buyer once, and only once the parcel has arrived: the order closed, or the carrier
    /// reported it delivered. Shops complain about invitations that ask about a parcel still on its way.
    /// </summary>
    private void InviteToReview(NewOrder order, OrderStatus target, OrderEvent orderEvent)
    {
        var delivered = target == OrderStatus.Closed || orderEvent.ShipmentStatus == "delivered";
        if (!delivered || State.SideEffects.Review.Status != "none" || !MayInvite(order))
        {
            return;
        }

        var invitation = new ReviewInvitation(
            ShopId, OrderId, order.Policy.Reviews!.Tsid!, order.Reference, order.SealedEmail!, order.CustomerName,
            order.PlacedAt ?? State.CreatedAt, orderEvent.OccurredAt ?? TimeProvider.GetUtcNow(),
            [.. order.Lines.Where(l => l.Sku is not null && !ProtectionProduct.IsProtection(l.Sku)).Select(l => new ReviewedProduct(l.Sku!, l.Name))],
            order.Policy.Reviews.EventType);
        Outbox.Send<IReviewInvitationGrain>(GetPrimaryKeyString(), review => review.InviteAsync(invitation));
        SetReview(new ReviewSideEffect("pending"));
    }

    /// <summary>
    /// Excellence shops register the buyer protection the buyer chose at checkout (a line whose sku is
    /// a Trusted Shops protection product) when the order arrives; on Classic the buyer registers it.
    /// </summary>
    private void RegisterProtection(NewOrder order)
    {
        if (order.Policy.Reviews is not { Model: ReviewModels.Excellence, Tsid: { } tsid } || order.SealedEmail is not { } sealedEmail
            || order.Lines.FirstOrDefault(l => l.Sku is not null && ProtectionProduct.IsProtection(l.Sku)) is not { Sku: { } productId })
        {
            return;
        }

        var request = new ProtectionRequest(ShopId, OrderId, tsid, productId, order.Total, order.PaymentMethod, order.Policy.Cod, order.Reference, sealedEmail, order.PlacedAt ?? State.CreatedAt);
        Outbox.Send<IBuyerProtectionGrain>(GetPrimaryKeyString(), protection => protection.RegisterAsync(request));
        SetProtection(new ProtectionSideEffect("pending"));
    }

    /// <summary>The review and protection grains' reports; false when the update is not theirs.</summary>
    private bool ReviewChanged(SideEffectUpdate update)
    {
        switch (update.Effect)
        {
            // A success is final; a failure can still be followed by one (an operator replays the dead letter).
            case ReviewNames.ReviewEffect when State.SideEffects.Review.Status != "invited":
                SetReview(update.Status == "invited" ? new ReviewSideEffect("invited", update.Detail) : new ReviewSideEffect(update.Status, Detail: update.Detail));
                if (update.Status == "invited")
                {
                    PublishReviewInvited(update.Detail);
                }

                return true;
            case ReviewNames.ProtectionEffect when State.SideEffects.Protection.Status != "registered":
                SetProtection(update.Status == "registered" ? new ProtectionSideEffect("registered", update.Detail) : new ProtectionSideEffect(update.Status, Detail: update.Detail));
                return true;
            default:
                return update.Effect is ReviewNames.ReviewEffect or ReviewNames.ProtectionEffect;
        }
    }

    /// <summary>The shop invites, the buyer consented, and there is an address to invite.</summary>
    private bool MayInvite(NewOrder order) =>
        order is { Policy.Reviews.Tsid: not null, ReviewConsent: true, SealedEmail: not null } && State.Status != OrderStatus.Cancelled;

    // Both requests carry the sealed address in their own outbox payloads, so only an invitation still to come needs the order's copy.
    private bool ReviewNeedsEmail(NewOrder order) => State.SideEffects.Review.Status == "none" && MayInvite(order);

    private void SetReview(ReviewSideEffect review) => ChangeSideEffects(State.SideEffects with { Review = review });

    private void SetProtection(ProtectionSideEffect protection) => ChangeSideEffects(State.SideEffects with { Protection = protection });
}
