using System.Collections.Concurrent;
using OrleansShop.Effects;

namespace OrleansShop.Tests.Grains.Effects;

/// <summary>
/// The test connector: records every attempt; an operation named <c>fail-N</c> fails its first N
/// attempts, <c>refuse</c> fails permanently.
/// </summary>
internal sealed class RecordingConnector(CallLog log) : IExternalCallHandler
{
    public const string Name = "recording";

    public string Connector => Name;

    public Task<DeliveryOutcome> DeliverAsync(ExternalCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        log.Attempts.Add(call);
        if (call.Operation == "refuse")
        {
            return Task.FromResult(DeliveryOutcome.Permanent("refused"));
        }

        if (call.Operation.StartsWith("fail-", StringComparison.Ordinal) && call.Attempt <= int.Parse(call.Operation[5..], System.Globalization.CultureInfo.InvariantCulture))
        {
            return Task.FromResult(DeliveryOutcome.Retry($"attempt {call.Attempt} failed"));
        }

        return Task.FromResult(DeliveryOutcome.Delivered($"done-{call.Attempt}"));
    }
}

public sealed class CallLog
{
    public ConcurrentBag<ExternalCall> Attempts { get; } = [];
}

/// <summary>What grains wrote to the read models, kept in memory.</summary>
public sealed class ReadModelLog : IIndexProjection, IDeliveryLog
{
    public ConcurrentDictionary<string, Effect> Listed { get; } = new();

    public ConcurrentBag<IndexRow> Rows { get; } = [];

    public Task WriteAsync(GrainId owner, IReadOnlyCollection<IndexRow> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows ?? [])
        {
            Rows.Add(row);
        }

        return Task.CompletedTask;
    }

    public Task RecordAsync(GrainId owner, Effect effect, long revision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(effect);
        Listed[$"{owner}/{effect.Id}"] = effect;
        return Task.CompletedTask;
    }

    public Task ForgetAsync(GrainId owner, long effectId, long revision, CancellationToken cancellationToken)
    {
        Listed.TryRemove($"{owner}/{effectId}", out _);
        return Task.CompletedTask;
    }
}
