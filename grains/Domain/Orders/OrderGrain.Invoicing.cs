using OrleansShop.Grains.Invoicing;

namespace OrleansShop.Grains.Orders;

/// <summary>
/// The order's part in invoicing: the invoice when it first reaches the shop's trigger
/// (<c>invoicing.issueOn</c>), a credit note when it ends not collected after one, and the invoice
/// grain's reports for the order view.
/// </summary>
public sealed partial class OrderGrain
{
    public async Task InvoiceChangedAsync(InvoiceSideEffect report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var current = State.SideEffects.Invoice;
        if (State.Status is null || report.Revision <= current.Revision)
        {
            return; // an older report that arrived late, or one for an order that does not exist
        }

        // The credit note this order asked for stays in view until the invoice grain reports on it.
        SetInvoice(report with { CreditNote = report.CreditNote ?? current.CreditNote });
        MailInvoice(current, report);
        WriteBackInvoice(current, report);
        ForgetEmailWhenUnneeded();
        await WriteStateAsync();
    }

    /// <summary>
    /// Paid is the trigger for <c>issueOn: paid</c>, and an order that jumps straight to Closed
    /// (closed_paid) has passed it too; <c>issueOn: closed</c> waits for Closed. Either way the
    /// invoice is asked for once: after that its status is no longer <c>none</c>.
    /// </summary>
    private void InvoiceOnTransition(NewOrder order, OrderStatus target, DateTimeOffset at)
    {
        if (order.Policy.Invoicing is not { } settings)
        {
            return;
        }

        var invoice = State.SideEffects.Invoice;
        if (target == OrderStatus.NotCollected)
        {
            if (invoice.Status is "pending" or "issued" && invoice.CreditNote is null)
            {
                var request = InvoiceRequestFor(order, settings, at);
                Outbox.Send<IInvoiceGrain>(GetPrimaryKeyString(), grain => grain.CreditAsync(request));
                SetInvoice(invoice with { CreditNote = new CreditNoteSideEffect("pending") });
            }

            return;
        }

        var reached = target == OrderStatus.Closed || (target == OrderStatus.Paid && settings.IssueOn == "paid");
        if (!reached || invoice is not { Status: "none", Reason: null })
        {
            return;
        }

        if (InvoiceLines.Parse(order.Total.Value) == 0)
        {
            SetInvoice(invoice with { Reason = "the order total is zero: there is nothing to invoice" });
            return;
        }

        var issue = InvoiceRequestFor(order, settings, at);
        Outbox.Send<IInvoiceGrain>(GetPrimaryKeyString(), grain => grain.IssueAsync(issue));
        SetInvoice(invoice with { Status = "pending" });
    }

    /// <summary>Until its invoice is asked for, the order keeps the buyer's sealed address for it.</summary>
    private bool InvoiceMayNeedEmail() =>
        State is { Status: not OrderStatus.Cancelled, Details.Policy.Invoicing: not null, SideEffects.Invoice: { Status: "none", Reason: null } };

    private static InvoiceRequest InvoiceRequestFor(NewOrder order, Shops.InvoicingSettings settings, DateTimeOffset at) =>
        new(order.Reference, order.CustomerName, order.BillingAddress ?? order.ShippingAddress, order.SealedEmail, order.Policy.Cod, order.Total, order.Lines, settings.VatRate, at);

    private void SetInvoice(InvoiceSideEffect invoice) => ChangeSideEffects(State.SideEffects with { Invoice = invoice });
}
