namespace OrleansShop.Grains.Orders;

/// <summary>
/// The order's invoice (docs/http-api.md: <c>none</c>, <c>pending</c>, <c>issued</c>, <c>failed</c>, <c>credited</c>),
/// as the order set it or the invoice grain last reported it. <see cref="Revision"/> orders the
/// reports: one that arrives after a newer one changes nothing.
/// </summary>
/// <param name="Reason">Why there is no invoice (a zero total), why it failed, or why its number is unknown.</param>
public sealed record InvoiceSideEffect(string Status = "none", string? Number = null, string? Url = null, string? Reason = null, CreditNoteSideEffect? CreditNote = null, int Revision = 0)
{
    public InvoiceView View() => new(Status, Number, Url, Reason, CreditNote);
}

/// <param name="Status"><c>pending</c>, <c>issued</c>, <c>failed</c>, or <c>none</c> when there was no invoice to credit.</param>
public sealed record CreditNoteSideEffect(string Status, string? Number = null, string? Url = null, string? Reason = null);

/// <summary>The order view's <c>invoice</c>.</summary>
public sealed record InvoiceView(string Status, string? Number, string? Url, string? Reason, CreditNoteSideEffect? CreditNote);
