using OrleansShop.Grains.Platforms;

namespace OrleansShop.Grains.Orders;

/// <summary>
/// The order's part in writing back to the shop's platform, for a shop that has it on as the order
/// arrives: the COD verdict below the threshold, the confirmation (the buyer's SMS reply or the
/// merchant's hand), the SMS that went unanswered, the invoice issued — each fact once, through the
/// outbox in the commit that records it.
/// </summary>
public sealed partial class OrderGrain
{
    private void WriteBackVerdict(NewOrder order)
    {
        if (order.CodVerdict is { } verdict && PlatformFacts.ForVerdict(verdict) is { } fact)
        {
            WriteBack(order, fact, verdict: verdict);
        }
    }

    private void WriteBackOnTransition(NewOrder order, OrderTrigger trigger, OrderStatus target)
    {
        switch (trigger)
        {
            case OrderTrigger.SmsConfirmed:
                WriteBack(order, PlatformFacts.Confirmed, by: "sms");
                break;
            case OrderTrigger.ConfirmedByHand:
            case OrderTrigger.Released when target == OrderStatus.Confirmed: // released in a shop that confirms by no SMS
                WriteBack(order, PlatformFacts.Confirmed, by: "merchant");
                break;
            case OrderTrigger.SmsExpired:
                WriteBack(order, PlatformFacts.Unconfirmed);
                break;
        }
    }

    /// <summary>The invoice grain reported the invoice issued: its number goes on the platform's order.</summary>
    private void WriteBackInvoice(InvoiceSideEffect before, InvoiceSideEffect report)
    {
        if (State.Details is { } order && report.Status == "issued" && before.Status != "issued")
        {
            WriteBack(order, PlatformFacts.InvoiceIssued, invoiceNumber: report.Number, invoiceUrl: report.Url);
        }
    }

    private void WriteBack(NewOrder order, string fact, Reputation.CodVerdict? verdict = null, string? by = null, string? invoiceNumber = null, string? invoiceUrl = null)
    {
        if (!order.Policy.WriteBack || State.PlatformWrites.Contains(fact))
        {
            return;
        }

        Outbox.Call(PlatformNames.Connector, PlatformNames.Write, new PlatformWrite(ShopId, OrderId, order.Reference, fact, Now, verdict, by, invoiceNumber, invoiceUrl));
        State = State with { PlatformWrites = [.. State.PlatformWrites, fact] };
    }
}
