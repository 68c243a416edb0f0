using OrleansShop.Grains.Orders;

namespace OrleansShop.Grains.Invoicing;

/// <summary>What an order hands its invoice grain: the buyer, the lines and when it reached the shop's trigger.</summary>
/// <param name="SealedEmail">The buyer's address sealed to the order (the invoicer e-mails the invoice there); never plaintext.</param>
/// <param name="DefaultVatRate">The shop's VAT rate for lines that carry none, and for shipping.</param>
/// <param name="At">When the order reached the trigger: the invoice's date of supply and payment.</param>
public sealed record InvoiceRequest(
    string Reference,
    string? CustomerName,
    PostalAddress? Address,
    string? SealedEmail,
    bool Cod,
    Amount Total,
    IReadOnlyList<OrderLineItem> Lines,
    string DefaultVatRate,
    DateTimeOffset At);

/// <summary>
/// One document as the invoicing connector gets it in its outbox payload: an invoice or a credit
/// note, its rows already priced. The e-mail stays sealed here; the connector opens it for the call.
/// </summary>
public sealed record InvoiceDocument
{
    public required string ShopId { get; init; }

    public required string OrderId { get; init; }

    /// <summary>Unique per issuer (<see cref="InvoiceNames.ForeignId"/>): the invoicer refuses a second document with it.</summary>
    public required string ForeignId { get; init; }

    public bool CreditNote { get; init; }

    /// <summary>For a credit note: the invoice it reverses, by foreign id and number (when known).</summary>
    public string? Credits { get; init; }

    public string? CreditsNumber { get; init; }

    public required string Reference { get; init; }

    public required string CustomerName { get; init; }

    /// <summary>The person the invoice is addressed to (its e-mail's greeting), when the order names one.</summary>
    public string? ContactName { get; init; }

    public PostalAddress? Address { get; init; }

    public string? SealedEmail { get; init; }

    public required bool Cod { get; init; }

    public required string Currency { get; init; }

    /// <summary><c>hu</c>, <c>en</c>, <c>de</c> or <c>fr</c>, from the buyer's country.</summary>
    public required string Language { get; init; }

    public required DateOnly Date { get; init; }

    public required IReadOnlyList<InvoiceLine> Lines { get; init; }
}

/// <param name="GrossUnitPrice">What the buyer pays per unit, VAT included; negative on a discount row.</param>
/// <param name="VatRate">In percent.</param>
public sealed record InvoiceLine(string? Sku, string Name, decimal Quantity, decimal GrossUnitPrice, decimal VatRate);

/// <summary>What the invoicing connector answers when a document exists at the invoicer.</summary>
/// <param name="Number">Null when the invoicer did not say (e.g. an earlier attempt made it and this one met the duplicate).</param>
/// <param name="Detail">How it went, in a few words, for the order view.</param>
public sealed record InvoiceIssued(string? Number, string? Url, string Detail);
