using OrleansShop.Grains.Reviews;
using OrleansShop.Runtime;

namespace OrleansShop.Grains.Sandbox;

public sealed record SandboxReviewsState
{
    public IReadOnlyList<SandboxInvitation> Invitations { get; init; } = [];

    public IReadOnlyList<SandboxProtection> Protections { get; init; } = [];

    public long Sequence { get; init; }
}

public sealed class SandboxReviewsGrain(IPersistentState<SandboxReviewsState> state) : Grain, ISandboxReviewsGrain
{
    private const int Keep = 500;

    public async Task<string> InviteAsync(ReviewInvitation invitation, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        if (state.State.Invitations.FirstOrDefault(i => i.IdempotencyKey == idempotencyKey) is { } known)
        {
            return known.EventRef;
        }

        var recorded = new SandboxInvitation($"sandbox-evt-{state.State.Sequence + 1}", TimeProvider.GetUtcNow(), invitation.ShopId, invitation.OrderId, invitation.Tsid,
            invitation.Reference, invitation.CustomerName, invitation.Products, idempotencyKey);
        await SaveAsync(state.State with { Invitations = [.. state.State.Invitations.TakeLast(Keep - 1), recorded] });
        return recorded.EventRef;
    }

    public async Task<string> ProtectAsync(ProtectionRequest request, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (state.State.Protections.FirstOrDefault(p => p.IdempotencyKey == idempotencyKey) is { } known)
        {
            return known.Number;
        }

        var recorded = new SandboxProtection($"{900000000 + state.State.Sequence + 1}", TimeProvider.GetUtcNow(), request.ShopId, request.OrderId, request.Tsid,
            request.ProductId, request.Total.Value, request.Total.Currency, idempotencyKey);
        await SaveAsync(state.State with { Protections = [.. state.State.Protections.TakeLast(Keep - 1), recorded] });
        return recorded.Number;
    }

    public Task<SandboxReviews> ListAsync() => Task.FromResult(new SandboxReviews(state.State.Invitations, state.State.Protections));

    private async Task SaveAsync(SandboxReviewsState next)
    {
        state.State = next with { Sequence = next.Sequence + 1 };
        await state.WriteStateAsync();
    }
}
