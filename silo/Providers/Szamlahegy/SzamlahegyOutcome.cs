namespace OrleansShop.Silo.Providers.Szamlahegy;

/// <summary>What became of one invoice call.</summary>
public enum SzamlahegyOutcome
{
    /// <summary>HTTP 201 with the new invoice.</summary>
    Created,

    /// <summary>
    /// The provider already has an invoice with this <c>foreign_id</c>: an earlier attempt created it
    /// (perhaps one whose answer a timeout hid). Issued, not failed; its number is not in the answer.
    /// </summary>
    AlreadyIssued,

    /// <summary>Worth trying again: no answer, a timeout, HTTP 5xx/408/429, or an unreadable answer.</summary>
    Retryable,

    /// <summary>Retrying cannot help: the key or IP is refused, or the invoice is invalid.</summary>
    Permanent,
}

/// <summary>The result of one invoice call.</summary>
/// <param name="Status">The HTTP status when there was an answer.</param>
/// <param name="Meaning">What happened, for dead letters and the order view; never the buyer's data, the key or the answer's body beyond the provider's field names.</param>
/// <param name="Id">The provider's invoice id (<c>id</c>) when created.</param>
/// <param name="Number">The invoice number, when the answer carries one.</param>
/// <param name="DocumentUrl">Where the invoice's document opens: <c>{base}/user/invoices/download/{guid}?inline=true</c>.</param>
public sealed record SzamlahegyResult(SzamlahegyOutcome Outcome, int? Status, string Meaning, string? Id = null, string? Number = null, Uri? DocumentUrl = null);
