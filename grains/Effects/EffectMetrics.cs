using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OrleansShop.Effects;

/// <summary>
/// The effects' instruments on the <c>OrleansShop</c> meter: every delivery attempt of a provider
/// call, by connector and result, and how long it took.
/// </summary>
public sealed class EffectMetrics
{
    /// <summary>The meter of every OrleansShop instrument.</summary>
    public const string MeterName = "OrleansShop";

    /// <summary>
    /// Bucket boundaries in seconds for every OrleansShop duration, as OpenTelemetry's semantic
    /// conventions advise for HTTP durations (the SDK's default buckets are sized for milliseconds).
    /// </summary>
    public static readonly InstrumentAdvice<double> SecondsAdvice = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
    };

    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;

    public EffectMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _calls = meter.CreateCounter<long>("orleansshop.provider.calls", "{call}", "Provider calls by connector and result (delivered, retry, permanent).");
        _duration = meter.CreateHistogram("orleansshop.provider.duration", "s", "How long a provider call took, by connector and result.", tags: null, SecondsAdvice);
    }

    public void ProviderCall(string connector, DeliveryStatus result, TimeSpan elapsed)
    {
        var tags = new TagList { { "connector", connector }, { "result", ResultName(result) } };
        _calls.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }

    private static string ResultName(DeliveryStatus result) => result switch
    {
        DeliveryStatus.Delivered => "delivered",
        DeliveryStatus.Retry => "retry",
        _ => "permanent",
    };
}
