namespace OrleansShop.Grains.Mail;

/// <summary>The buyer e-mails an order sends beside its SMS texts: one of each at most, through the <c>mail</c> connector.</summary>
public static class BuyerMailNames
{
    /// <summary>The connector that e-mails buyers.</summary>
    public const string Connector = "mail";

    public const string Send = "send";
}

/// <summary>What an e-mail tells the buyer (the sandbox mailbox's <c>purpose</c>).</summary>
public static class BuyerMailPurposes
{
    /// <summary>A COD order confirmed (by SMS, by hand, or at once), a prepaid one paid.</summary>
    public const string Confirmed = "confirmed";

    /// <summary>The parcel is with the carrier: the tracking code and link.</summary>
    public const string HandedOver = "handed_over";

    public const string Delivered = "delivered";

    /// <summary>The invoice is issued: its number and link.</summary>
    public const string InvoiceIssued = "invoice_issued";

    public static IReadOnlyList<string> All { get; } = [Confirmed, HandedOver, Delivered, InvoiceIssued];
}

/// <summary>One buyer e-mail as the order asks for it; the connector writes it in the shop's language.</summary>
/// <param name="SealedTo">The buyer's address, sealed and bound to the order: the connector opens it only to send.</param>
/// <param name="EmailHash">The address's keyed hash: what the sandbox mailbox shows instead of the address.</param>
/// <param name="TrackingToken">The key of the order's tracking page, linked from every e-mail.</param>
/// <param name="Code">The tracking code (handed over) or the invoice number (invoice issued).</param>
/// <param name="Link">The carrier's tracking link (handed over) or the invoice's (invoice issued).</param>
public sealed record BuyerMailPayload(
    string ShopId,
    string OrderId,
    string SealedTo,
    string EmailHash,
    string Purpose,
    string Reference,
    string? CustomerName,
    string? TrackingToken,
    string? Code = null,
    string? Link = null);
