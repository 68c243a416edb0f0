using OrleansShop.Effects;

namespace OrleansShop.Grains.Invoicing;

/// <summary>
/// The invoice of one order, and its credit note. Key: the order's key, <c>{shopId}/{orderId}</c>.
/// Issues through the invoicing connector at most once per document, tells the order, and tells
/// the shop (<c>invoice.*</c> events). Requests may arrive twice or in either order; each document is made once.
/// </summary>
public interface IInvoiceGrain : IGrainWithStringKey
{
    /// <summary>Issues the invoice once; later calls change nothing.</summary>
    Task IssueAsync(InvoiceRequest request);

    /// <summary>
    /// A credit note (storno) for the invoice, once. Arriving before <see cref="IssueAsync"/>, it issues
    /// the invoice first, as the order's own sequence of events would have; the credit note follows its invoice.
    /// </summary>
    Task CreditAsync(InvoiceRequest request);

    /// <summary>The connector's outcome of the invoice (a reply to the outbox call).</summary>
    Task OnIssuedAsync(ExternalCallResult result);

    /// <summary>The connector's outcome of the credit note.</summary>
    Task OnCreditedAsync(ExternalCallResult result);
}

public static class InvoiceNames
{
    /// <summary>The connector that issues invoices: the sandbox invoicer or Számlahegy.</summary>
    public const string Connector = "invoicing";

    public const string Issue = "issue";

    /// <summary>The operation of invoice callbacks committed before they became events (<see cref="InvoiceCallback"/>); still delivered.</summary>
    public const string Callback = "invoice";

    /// <summary>The identifier of an order's invoice at the invoicer, unique per issuer: its idempotency key.</summary>
    public static string ForeignId(string shopId, string orderId) => $"orleansshop/{shopId}/{orderId}";

    public static string CreditNoteForeignId(string shopId, string orderId) => $"{ForeignId(shopId, orderId)}/storno";
}
