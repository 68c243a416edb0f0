using OrleansShop.Effects;
using OrleansShop.Grains.Reviews;

namespace OrleansShop.Grains.Sandbox;

public sealed record SandboxReviewsState
{
    public IReadOnlyList<SandboxInvitation> Invitations { get; init; } = [];

    public IReadOnlyList<SandboxProtection> Protections { get; init; } = [];

    public long Sequence { get; init; }
}

public sealed class SandboxReviewsGrain([PersistentState("sandboxreviews")] IPersistentState<GrainRecord<SandboxReviewsState>> state) : EffectGrain<SandboxReviewsState>(state), ISandboxReviewsGrain
{
    private const int Keep = 500;

    public async Task<string> InviteAsync(ReviewInvitation invitation, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        if (State.Invitations.FirstOrDefault(i => i.IdempotencyKey == idempotencyKey) is { } known)
        {
            return known.EventRef;
        }

        var recorded = new SandboxInvitation($"sandbox-evt-{State.Sequence + 1}", TimeProvider.GetUtcNow(), invitation.ShopId, invitation.OrderId, invitation.Tsid,
            invitation.Reference, invitation.CustomerName, invitation.Products, idempotencyKey);
        await SaveAsync(State with { Invitations = [.. State.Invitations.TakeLast(Keep - 1), recorded] });
        return recorded.EventRef;
    }

    public async Task<string> ProtectAsync(ProtectionRequest request, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (State.Protections.FirstOrDefault(p => p.IdempotencyKey == idempotencyKey) is { } known)
        {
            return known.Number;
        }

        var recorded = new SandboxProtection($"{900000000 + State.Sequence + 1}", TimeProvider.GetUtcNow(), request.ShopId, request.OrderId, request.Tsid,
            request.ProductId, request.Total.Value, request.Total.Currency, idempotencyKey);
        await SaveAsync(State with { Protections = [.. State.Protections.TakeLast(Keep - 1), recorded] });
        return recorded.Number;
    }

    public Task<SandboxReviews> ListAsync() => Task.FromResult(new SandboxReviews(State.Invitations, State.Protections));

    private async Task SaveAsync(SandboxReviewsState next)
    {
        State = next with { Sequence = next.Sequence + 1 };
        await WriteStateAsync();
    }
}
