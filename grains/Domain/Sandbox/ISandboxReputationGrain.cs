using OrleansShop.Effects;
using OrleansShop.Grains.Reputation;

namespace OrleansShop.Grains.Sandbox;

/// <summary>
/// The SANDBOX upstream reputation provider of the embedded default, standing in for Utánvét
/// Ellenőr: it keeps the signals shops give it (by keyed e-mail hash, never the address) in the
/// cluster database, so every silo shows the same list, and answers lookups from them,
/// deterministically. Like the provider, it keeps one outcome per (shop, order). Key: <c>all</c>.
/// </summary>
public interface ISandboxReputationGrain : IGrainWithStringKey
{
    /// <summary>Records a signal once per idempotency key; a later one for the same order replaces its outcome.</summary>
    Task RecordAsync(SandboxSignal signal);

    /// <summary>The signals about one address: collected and refused.</summary>
    Task<SandboxCounts> CountAsync(string emailHash);

    Task<IReadOnlyList<SandboxSignal>> ListAsync();
}

public sealed record SandboxSignal(DateTimeOffset At, string ShopId, string OrderId, string EmailHash, Outcome Outcome, string IdempotencyKey);

public sealed record SandboxCounts(int Good, int Bad);
