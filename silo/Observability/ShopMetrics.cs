using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrleansShop.Effects;

namespace OrleansShop.Silo.Observability;

/// <summary>
/// OrleansShop's own instruments on the <c>OrleansShop</c> meter (the provider calls are
/// <see cref="EffectMetrics"/>'). Labels stay bounded: a shop label only for shops that exist, and
/// outcomes from a fixed list.
/// </summary>
internal sealed class ShopMetrics
{
    /// <summary>The shop label of a request to a shop that does not exist (any address can be asked for).</summary>
    public const string UnknownShop = "unknown";

    private readonly Counter<long> _webhooks;
    private readonly Histogram<double> _ingest;
    private readonly Counter<long> _lookups;
    private readonly Counter<long> _verdicts;
    private readonly Counter<long> _events;

    public ShopMetrics(IMeterFactory meters, ReadModelGauges gauges)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(gauges);
        var meter = meters.Create(EffectMetrics.MeterName);
        _webhooks = meter.CreateCounter<long>(
            "orleansshop.webhooks.received", "{delivery}",
            "Webhooks and payment notifications received, by shop, profile and outcome (applied, ignored, rejected, deferred, duplicate, or the refusal's status code).");
        _ingest = meter.CreateHistogram(
            "orleansshop.webhooks.duration", "s", "From a delivery's arrival to its answer, by profile and outcome.", tags: null, EffectMetrics.SecondsAdvice);
        _lookups = meter.CreateCounter<long>(
            "orleansshop.checkout.lookups", "{lookup}", "Checkout questions (may this buyer pay on delivery?), by shop and verdict.");
        _verdicts = meter.CreateCounter<long>(
            "orleansshop.cod.verdicts", "{order}", "COD orders decided on as they arrived, by shop and action (none, flag, hold, cancel).");
        _events = meter.CreateCounter<long>(
            "orleansshop.events.delivered", "{attempt}",
            "Delivery attempts of events to shops' endpoints, by event type and outcome (delivered, retry, permanent, skipped: the endpoint is gone or no longer takes it).");
        meter.CreateObservableGauge(
            "orleansshop.effects.pending", () => gauges.Deliveries(Storage.DeliveryStates.Pending), "{effect}",
            "Effects that failed at least once and wait for a retry, by target (cluster-wide: every silo reports the same figure).");
        meter.CreateObservableGauge(
            "orleansshop.effects.dead", () => gauges.Deliveries(Storage.DeliveryStates.Dead), "{effect}",
            "Dead-lettered effects, by target (cluster-wide).");
        meter.CreateObservableGauge(
            "orleansshop.sms.awaiting_reply", () => gauges.AwaitingReplies, "{order}",
            "Orders waiting for the buyer's SMS confirmation (cluster-wide).");
    }

    public void WebhookReceived(string shop, string profile, string outcome, TimeSpan elapsed)
    {
        _webhooks.Add(1, new TagList { { "shop", shop }, { "profile", profile }, { "outcome", outcome } });
        _ingest.Record(elapsed.TotalSeconds, new TagList { { "profile", profile }, { "outcome", outcome } });
    }

    public void CodVerdict(string shop, string action) =>
        _verdicts.Add(1, new TagList { { "shop", shop }, { "action", action } });

    public void EventDelivered(string type, string outcome) =>
        _events.Add(1, new TagList { { "type", type }, { "outcome", outcome } });

    public void CheckoutLookup(string shop, bool codAllowed) =>
        _lookups.Add(1, new TagList { { "shop", shop }, { "verdict", codAllowed ? "allowed" : "refused" } });
}
