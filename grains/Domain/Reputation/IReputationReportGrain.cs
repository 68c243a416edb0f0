using OrleansShop.Runtime;

namespace OrleansShop.Grains.Reputation;

/// <summary>
/// The network report of one COD order. Key: the order's key. Exactly one outcome per order:
/// reporting the same outcome again changes nothing; a different one (a correction) replaces it.
/// </summary>
public interface IReputationReportGrain : IGrainWithStringKey
{
    Task ReportAsync(string emailHash, Outcome outcome, DateTimeOffset at);
}

public sealed record ReputationReportState
{
    public string? EmailHash { get; init; }

    public Outcome? Outcome { get; init; }

    public DateTimeOffset? ReportedAt { get; init; }

    public int Corrections { get; init; }
}
