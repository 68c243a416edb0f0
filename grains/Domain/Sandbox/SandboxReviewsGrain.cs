using OrleansShop.Effects;
using OrleansShop.Grains.Reviews;

namespace OrleansShop.Grains.Sandbox;

public sealed record SandboxReviewsState
{
    public SandboxLog<SandboxInvitation> Invitations { get; init; } = new();

    public SandboxLog<SandboxProtection> Protections { get; init; } = new();
}

public sealed class SandboxReviewsGrain([PersistentState("sandboxreviews")] IPersistentState<GrainRecord<SandboxReviewsState>> state) : EffectGrain<SandboxReviewsState>(state), ISandboxReviewsGrain
{
    public async Task<string> InviteAsync(ReviewInvitation invitation, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var (log, recorded, added) = State.Invitations.RecordOnce(i => i.IdempotencyKey == idempotencyKey, sequence => new SandboxInvitation(
            $"sandbox-evt-{sequence}", TimeProvider.GetUtcNow(), invitation.ShopId, invitation.OrderId, invitation.Tsid, invitation.Reference, invitation.CustomerName, invitation.Products, idempotencyKey));
        if (added)
        {
            await SaveAsync(State with { Invitations = log });
        }

        return recorded.EventRef;
    }

    public async Task<string> ProtectAsync(ProtectionRequest request, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (log, recorded, added) = State.Protections.RecordOnce(p => p.IdempotencyKey == idempotencyKey, sequence => new SandboxProtection(
            $"{900000000 + sequence}", TimeProvider.GetUtcNow(), request.ShopId, request.OrderId, request.Tsid, request.ProductId, request.Total.Value, request.Total.Currency, idempotencyKey));
        if (added)
        {
            await SaveAsync(State with { Protections = log });
        }

        return recorded.Number;
    }

    public Task<SandboxReviews> ListAsync() => Task.FromResult(new SandboxReviews(State.Invitations.Entries, State.Protections.Entries));

    private async Task SaveAsync(SandboxReviewsState next)
    {
        State = next;
        await WriteStateAsync();
    }
}
