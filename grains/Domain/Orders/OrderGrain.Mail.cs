using OrleansShop.Grains.Mail;

namespace OrleansShop.Grains.Orders;

/// <summary>
/// Buyer e-mails, for a shop that sends them: the order confirmed, handed to the carrier, delivered,
/// its invoice issued — each once, through the outbox in the same commit as what set it off, with
/// the sealed address the connector opens only to send.
/// </summary>
public sealed partial class OrderGrain
{
    /// <summary>What an applied transition tells the buyer.</summary>
    private void MailOnTransition(NewOrder order, OrderStatus target, OrderEvent orderEvent)
    {
        if (target == OrderStatus.Confirmed || (!order.Policy.Cod && target == OrderStatus.Paid))
        {
            MailBuyer(order, BuyerMailPurposes.Confirmed);
        }

        if (target == OrderStatus.Shipped)
        {
            var shipment = State.SideEffects.Shipment;
            MailBuyer(order, BuyerMailPurposes.HandedOver, orderEvent.Shipment?.TrackingCode ?? shipment.TrackingCode, orderEvent.Shipment?.TrackingUrl ?? shipment.TrackingUrl);
        }

        if (orderEvent.ShipmentStatus == "delivered" || target == OrderStatus.Closed)
        {
            MailBuyer(order, BuyerMailPurposes.Delivered);
        }
    }

    /// <summary>The invoice grain reported the invoice issued: its number and link go to the buyer.</summary>
    private void MailInvoice(InvoiceSideEffect before, InvoiceSideEffect report)
    {
        if (State.Details is { } order && report.Status == "issued" && before.Status != "issued")
        {
            MailBuyer(order, BuyerMailPurposes.InvoiceIssued, report.Number, report.Url);
        }
    }

    private void MailBuyer(NewOrder order, string purpose, string? code = null, string? link = null)
    {
        if (order.Policy.Mail is null || State.Details?.SealedEmail is not { } sealedTo || State.MailsSent.Contains(purpose))
        {
            return;
        }

        Outbox.Call(BuyerMailNames.Connector, BuyerMailNames.Send,
            new BuyerMailPayload(ShopId, OrderId, sealedTo, order.EmailHash, purpose, order.Reference, order.CustomerName, State.TrackingToken, code, link));
        State = State with { MailsSent = [.. State.MailsSent, purpose] };
    }

    /// <summary>
    /// Until the order has ended, and after that while its invoice may still be issued (its e-mail
    /// carries the number): a cancelled order sends nothing more.
    /// </summary>
    private bool MailMayNeedEmail(NewOrder order) =>
        order.Policy.Mail is not null
        && State.Status is { } status
        && (status is not (OrderStatus.Closed or OrderStatus.NotCollected or OrderStatus.Cancelled)
            || (status != OrderStatus.Cancelled && order.Policy.Invoicing is not null && State.SideEffects.Invoice is { Status: "pending" } or { Status: "none", Reason: null }));
}
