namespace OrleansShop.Silo.Webhooks.Payloads;

/// <summary>ISO 3166-1 alpha-2 codes, as Shopify, WooCommerce and the contract write them.</summary>
internal static class CountryCodes
{
    private const int Length = 2;

    /// <summary>Two ASCII letters, upper-cased; an empty string reads as absent.</summary>
    public static string? Read(PayloadValue value)
    {
        var code = value.AsOptionalText(PayloadLimits.MaxIdentifierLength);
        return code is null || (code.Length == Length && code.All(char.IsAsciiLetter))
            ? code?.ToUpperInvariant()
            : throw value.Fail("must be a two-letter ISO 3166-1 country code.");
    }
}
