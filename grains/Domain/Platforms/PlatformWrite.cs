using OrleansShop.Grains.Reputation;

namespace OrleansShop.Grains.Platforms;

/// <summary>
/// One fact of an order for the shop's own platform (Shopify, WooCommerce, Ideasoft): the payload
/// of one outbox call to the <see cref="PlatformNames.Connector"/> connector, asked for in the commit
/// that records the fact. The connector turns it into the platform's tags, note and status with the
/// shop's settings as they are when it is delivered.
/// </summary>
/// <param name="OrderId">The order's id, which is the platform's own order id.</param>
/// <param name="Fact">One of <see cref="PlatformFacts"/>; an order writes each fact once.</param>
/// <param name="Verdict">For the COD facts below the threshold: the verdict with its figures.</param>
/// <param name="By">For <see cref="PlatformFacts.Confirmed"/>: <c>sms</c> (the buyer's reply) or <c>merchant</c>.</param>
/// <param name="InvoiceNumber">For <see cref="PlatformFacts.InvoiceIssued"/>: the invoice's number, when the invoicer gave one.</param>
/// <param name="InvoiceUrl">For <see cref="PlatformFacts.InvoiceIssued"/>: where the invoice can be read, when the invoicer gave it.</param>
public sealed record PlatformWrite(
    string ShopId,
    string OrderId,
    string Reference,
    string Fact,
    DateTimeOffset At,
    CodVerdict? Verdict = null,
    string? By = null,
    string? InvoiceNumber = null,
    string? InvoiceUrl = null);

/// <summary>The facts an order tells its platform, by the tag each leaves on it.</summary>
public static class PlatformFacts
{
    /// <summary>A COD buyer below the shop's threshold, the order going on (<c>reputation.belowThreshold: flag</c>).</summary>
    public const string CodRisk = "cod-risk";

    /// <summary>A COD buyer below the threshold, the order held for the merchant (<c>hold</c>).</summary>
    public const string CodHeld = "cod-held";

    /// <summary>A COD buyer below the threshold, the order cancelled as it arrived (<c>cancel</c>).</summary>
    public const string CodCancelled = "cod-cancelled";

    /// <summary>The COD order confirmed: by the buyer's SMS reply, or by the merchant by hand.</summary>
    public const string Confirmed = "cod-confirmed";

    /// <summary>The buyer did not answer the SMS in time.</summary>
    public const string Unconfirmed = "cod-unconfirmed";

    /// <summary>The order's invoice was issued.</summary>
    public const string InvoiceIssued = "invoice-issued";

    public static IReadOnlyList<string> All { get; } = [CodRisk, CodHeld, CodCancelled, Confirmed, Unconfirmed, InvoiceIssued];

    /// <summary>The fact a verdict below the threshold is, by the shop's action on it; null for a buyer who meets the threshold.</summary>
    public static string? ForVerdict(CodVerdict verdict) => verdict.Action switch
    {
        CodActions.Flag => CodRisk,
        CodActions.Hold => CodHeld,
        CodActions.Cancel => CodCancelled,
        _ => null,
    };
}

public static class PlatformNames
{
    /// <summary>The connector that writes facts back to the shop's platform.</summary>
    public const string Connector = "platform";

    /// <summary>Its one operation: write one <see cref="PlatformWrite"/>.</summary>
    public const string Write = "write-back";

    public const string Shopify = "shopify";
    public const string WooCommerce = "woocommerce";
    public const string Ideasoft = "ideasoft";

    /// <summary>The webhook profiles whose platform can be written back to.</summary>
    public static IReadOnlyList<string> Platforms { get; } = [Shopify, WooCommerce, Ideasoft];
}
