using OrleansShop.Effects;
using OrleansShop.Grains.Invoicing;

namespace OrleansShop.Grains.Sandbox;

/// <summary>
/// The SANDBOX invoicer of the embedded default: it issues nothing with legal effect, numbers its
/// documents per shop and year, and keeps them (the latest 500) in the cluster database so every
/// silo shows the same list. Key: <c>all</c>.
/// </summary>
public interface ISandboxInvoiceGrain : IGrainWithStringKey
{
    /// <summary>Issues a document once per foreign id; the same foreign id again answers the document already issued.</summary>
    /// <param name="emailed">Whether the connector could open the buyer's sealed address (a real invoicer would e-mail the document there).</param>
    Task<SandboxInvoice> IssueAsync(InvoiceDocument document, bool emailed);

    Task<IReadOnlyList<SandboxInvoice>> ListAsync();
}

/// <param name="Kind"><c>invoice</c> or <c>creditNote</c>.</param>
/// <param name="Credits">For a credit note, the number of the invoice it reverses.</param>
/// <param name="Total">The document's gross total; negative on a credit note.</param>
public sealed record SandboxInvoice(
    string Id,
    string Number,
    string Kind,
    DateTimeOffset At,
    string ShopId,
    string OrderId,
    string Reference,
    string ForeignId,
    string? Credits,
    string PaymentMethod,
    string Currency,
    string Total,
    IReadOnlyList<InvoiceLine> Lines,
    bool Emailed);
