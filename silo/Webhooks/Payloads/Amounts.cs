using System.Globalization;

namespace OrleansShop.Silo.Webhooks.Payloads;

/// <summary>Money, quantities and rates as the contract writes them, read from either a decimal string or a JSON number.</summary>
internal static class Amounts
{
    private const int CurrencyCodeLength = 3;
    private const decimal MaxPercent = 100m;

    /// <summary>A non-negative decimal string (<c>"12990.5"</c>; no sign, exponent or thousands separator) as <c>"12990.50"</c>.</summary>
    public static string FromDecimalString(PayloadValue value)
    {
        var text = value.AsIdentifier();
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            ? Format(CheckAmount(amount, value))
            : throw value.Fail("must be a non-negative decimal amount such as \"12990.00\".");
    }

    /// <summary>A non-negative JSON number as <c>"12990.50"</c>.</summary>
    public static string FromNumber(PayloadValue value) => Format(CheckAmount(value.AsNumber(), value));

    /// <summary>Two decimals, invariant culture. Amounts with more decimals are rounded half away from zero.</summary>
    public static string Format(decimal amount) =>
        Math.Round(amount, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>An ISO 4217 code: three ASCII letters, returned upper-case.</summary>
    public static string Currency(PayloadValue value)
    {
        var code = value.AsIdentifier();
        return code.Length == CurrencyCodeLength && code.All(char.IsAsciiLetter)
            ? code.ToUpperInvariant()
            : throw value.Fail("must be a three-letter ISO 4217 currency code.");
    }

    /// <summary>A JSON number greater than zero and at most <see cref="PayloadLimits.MaxQuantity"/>.</summary>
    public static decimal Quantity(PayloadValue value)
    {
        var quantity = value.AsNumber();
        return quantity > 0 && quantity <= PayloadLimits.MaxQuantity
            ? quantity
            : throw value.Fail($"must be greater than 0 and at most {PayloadLimits.MaxQuantity}.");
    }

    /// <summary>
    /// A VAT rate as the contract writes it: a percentage with at most two decimals (<c>"20"</c>,
    /// <c>"7.5"</c>). Platforms give a percentage or a fraction; the caller converts first.
    /// </summary>
    public static string VatPercent(decimal percent, PayloadValue source) =>
        percent is >= 0 and <= MaxPercent
            ? Math.Round(percent, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture)
            : throw source.Fail($"must be a rate between 0 and {MaxPercent} percent.");

    /// <summary>A VAT percentage written as a decimal string (<c>"20"</c>, <c>"7.5"</c>).</summary>
    public static string VatPercentFromString(PayloadValue value)
    {
        var text = value.AsIdentifier();
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
            ? VatPercent(percent, value)
            : throw value.Fail("must be a percentage such as \"20\".");
    }

    private static decimal CheckAmount(decimal amount, PayloadValue value) =>
        amount is >= 0 and <= PayloadLimits.MaxAmount
            ? amount
            : throw value.Fail($"must be between 0 and {PayloadLimits.MaxAmount}.");
}
