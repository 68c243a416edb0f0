using System.Diagnostics;

namespace OrleansShop.Effects;

/// <summary>
/// The <c>OrleansShop</c> activity source: one span per delivery attempt of an effect, in the trace of
/// the transition that created it. The first attempt is that transition's child, so one trace runs from
/// the webhook through the grain calls to each effect and its provider call; a retry, which may come
/// hours later, starts a trace of its own linked to the creating one.
/// </summary>
public static class EffectTracing
{
    public const string SourceName = EffectMetrics.MeterName;

    private static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartDelivery(GrainId owner, Effect effect)
    {
        ArgumentNullException.ThrowIfNull(effect);
        var created = ActivityContext.TryParse(effect.TraceParent, traceState: null, out var parsed) ? parsed : default;
        var firstAttempt = effect.Attempts == 0;
        var activity = Source.StartActivity(
            $"effect {effect.TargetName}.{effect.Operation}",
            effect.Kind == EffectKind.Call ? ActivityKind.Client : ActivityKind.Producer,
            firstAttempt ? created : default,
            links: !firstAttempt && created != default ? [new ActivityLink(created)] : null);
        activity?.SetTag("orleansshop.effect.owner", owner.ToString());
        activity?.SetTag("orleansshop.effect.id", effect.Id);
        activity?.SetTag("orleansshop.effect.target", effect.TargetName);
        activity?.SetTag("orleansshop.effect.operation", effect.Operation);
        activity?.SetTag("orleansshop.effect.attempt", effect.Attempts + 1);
        return activity;
    }

    /// <summary>Records the attempt's outcome on its span.</summary>
    public static void Complete(Activity? activity, DeliveryOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (activity is null)
        {
            return;
        }

        activity.SetTag("orleansshop.effect.result", outcome.Status.ToString().ToLowerInvariant());
        if (outcome.Status != DeliveryStatus.Delivered)
        {
            activity.SetStatus(ActivityStatusCode.Error, outcome.Error);
        }
    }
}
