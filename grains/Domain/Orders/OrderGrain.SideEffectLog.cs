namespace OrleansShop.Grains.Orders;

/// <summary>
/// The order's log of its side effects: every change of an integration's status, with the time the
/// order learnt of it, for the order's timeline. Bounded like the history: the oldest entries go first.
/// </summary>
public sealed partial class OrderGrain
{
    private const int MaxSideEffectLog = 100;

    /// <summary>The one way the side-effect statuses change, so that each change is logged.</summary>
    private void ChangeSideEffects(SideEffectStatuses next)
    {
        var entries = SideEffectLog.Changes(State.SideEffects, next, Now);
        State = State with
        {
            SideEffects = next,
            SideEffectLog = entries.Count == 0 ? State.SideEffectLog : [.. State.SideEffectLog.Concat(entries).TakeLast(MaxSideEffectLog)],
        };
    }
}

/// <summary>What one change of the side-effect statuses adds to the order's log.</summary>
internal static class SideEffectLog
{
    public static List<SideEffectEntry> Changes(SideEffectStatuses before, SideEffectStatuses after, DateTimeOffset at)
    {
        var entries = new List<SideEffectEntry>();
        void Add(string effect, string status, string? detail) => entries.Add(new SideEffectEntry(at, effect, status, detail));

        if (after.Sms.Status != before.Sms.Status)
        {
            Add(SideEffectNames.Sms, after.Sms.Status, after.Sms.Detail);
        }

        if (after.Invoice.Status != before.Invoice.Status || after.Invoice.Number != before.Invoice.Number || after.Invoice.Reason != before.Invoice.Reason)
        {
            Add(SideEffectNames.Invoice, after.Invoice.Status, after.Invoice.Number ?? after.Invoice.Reason);
        }

        if (after.Invoice.CreditNote is { } note && (note.Status != before.Invoice.CreditNote?.Status || note.Number != before.Invoice.CreditNote?.Number))
        {
            Add(SideEffectNames.CreditNote, note.Status, note.Number ?? note.Reason);
        }

        if (after.ReputationReport.Status != before.ReputationReport.Status || after.ReputationReport.Outcome != before.ReputationReport.Outcome)
        {
            Add(SideEffectNames.ReputationReport, after.ReputationReport.Status, after.ReputationReport.Outcome);
        }

        if (after.ReputationReport.Signal is { } signal && signal != before.ReputationReport.Signal)
        {
            Add(SideEffectNames.ReputationSignal, signal, after.ReputationReport.Outcome);
        }

        if (after.Review.Status != before.Review.Status)
        {
            Add(SideEffectNames.Review, after.Review.Status, after.Review.EventRef ?? after.Review.Detail);
        }

        if (after.Protection.Status != before.Protection.Status)
        {
            Add(SideEffectNames.Protection, after.Protection.Status, after.Protection.Number ?? after.Protection.Detail);
        }

        if (after.Shipment.Status != before.Shipment.Status || after.Shipment.TrackingCode != before.Shipment.TrackingCode)
        {
            Add(SideEffectNames.Shipment, after.Shipment.Status, after.Shipment.TrackingCode ?? after.Shipment.Detail);
        }

        return entries;
    }
}
