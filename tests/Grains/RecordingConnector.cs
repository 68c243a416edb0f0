using System.Collections.Concurrent;
using OrleansShop.Runtime;
using OrleansShop.Runtime.Membership;

namespace OrleansShop.Tests.Grains;

/// <summary>
/// A connector whose behaviour the operation name picks: <c>ok</c>, <c>slow</c> (holds a second),
/// <c>flaky</c> (fails while <see cref="CallLog.Failing"/>), <c>permanent</c>, <c>hang-first</c>
/// (the first attempt never answers). It records every success, and any two overlapping
/// deliveries of one key, in the shared <see cref="CallLog"/>.
/// </summary>
public sealed class RecordingConnector(CallLog log, SiloIdentity silo) : IExternalCallHandler
{
    public const string Name = "test";

    public string Connector => Name;

    public async Task<DeliveryOutcome> DeliverAsync(ExternalCall call, CancellationToken cancellationToken)
    {
        if (!log.InFlight.TryAdd(call.IdempotencyKey, 0))
        {
            log.RecordOverlap();
        }

        log.Attempts.Enqueue(call);
        try
        {
            switch (call.Operation)
            {
                case "slow":
                    await Task.Delay(1000, CancellationToken.None);
                    break;
                case "flaky" when log.Failing:
                    return DeliveryOutcome.Retry("the provider is down");
                case "permanent":
                    return DeliveryOutcome.Permanent("the provider rejected the request");
                case "hang-first" when call.Attempt == 1:
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    break;
                default:
                    await Task.Delay(log.HoldMilliseconds, CancellationToken.None);
                    break;
            }

            log.Delivered.Enqueue((call.IdempotencyKey, silo.SiloId));
            return DeliveryOutcome.Delivered($$"""{"number":"N-{{log.Delivered.Count}}"}""");
        }
        finally
        {
            log.InFlight.TryRemove(call.IdempotencyKey, out _);
        }
    }
}

public sealed class CallLog
{
    private int _overlaps;
    private volatile bool _failing;

    /// <summary>Times two deliveries of one idempotency key were in flight at once.</summary>
    public int Overlaps => Volatile.Read(ref _overlaps);

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public int HoldMilliseconds { get; set; }

    public ConcurrentDictionary<string, byte> InFlight { get; } = new();

    public ConcurrentQueue<ExternalCall> Attempts { get; } = new();

    public ConcurrentQueue<(string Key, string Silo)> Delivered { get; } = new();

    public int DeliveriesOf(string key) => Delivered.Count(d => d.Key == key);

    public void RecordOverlap() => Interlocked.Increment(ref _overlaps);
}
