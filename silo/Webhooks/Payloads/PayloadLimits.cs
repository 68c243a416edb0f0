namespace OrleansShop.Silo.Webhooks.Payloads;

/// <summary>
/// Bounds past which a webhook value is treated as malformed rather than stored: no real order
/// comes near them, and a body that does is an attack or a bug on the sender's side.
/// </summary>
internal static class PayloadLimits
{
    /// <summary>JSON nesting depth (real payloads nest four or five levels).</summary>
    public const int MaxDepth = 32;

    /// <summary>Length of an identifier, status, currency or dedup part.</summary>
    public const int MaxIdentifierLength = 128;

    /// <summary>Length of an e-mail address (RFC 5321's path limit).</summary>
    public const int MaxEmailLength = 254;

    /// <summary>Length of free text: names, e-mail addresses, address lines, product names.</summary>
    public const int MaxTextLength = 1024;

    /// <summary>Line items on one order.</summary>
    public const int MaxLines = 1000;

    /// <summary>Largest amount accepted in any currency (a trillion covers HUF, IDR and the like).</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    /// <summary>The most custom fields (WooCommerce <c>meta_data</c> entries) read from one order.</summary>
    public const int MaxAttributes = 500;

    /// <summary>Largest quantity on one line.</summary>
    public const decimal MaxQuantity = 1_000_000m;

    /// <summary>Earliest and latest believable timestamps in a payload.</summary>
    public static readonly DateTimeOffset EarliestTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset LatestTime = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
