using System.Globalization;
using System.Text.Json;

namespace OrleansShop.Silo.Webhooks.Payloads;

/// <summary>Money, quantities and VAT rates as the contract writes them.</summary>
internal static class Amounts
{
    private const int CurrencyCodeLength = 3;
    private const decimal MaxPercent = 100m;

    /// <summary>A non-negative amount of at most <see cref="PayloadLimits.MaxAmount"/>, as <c>"12990.50"</c>.</summary>
    public static string Amount(PayloadValue value, NumberForm form)
    {
        var amount = Read(value, form);
        return amount is >= 0 and <= PayloadLimits.MaxAmount
            ? Format(amount)
            : throw value.Fail($"must be between 0 and {PayloadLimits.MaxAmount}.");
    }

    /// <summary>Two decimals, invariant culture; more decimals are rounded half away from zero.</summary>
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

    /// <summary>Greater than zero and at most <see cref="PayloadLimits.MaxQuantity"/>.</summary>
    public static decimal Quantity(PayloadValue value, NumberForm form)
    {
        var quantity = Read(value, form);
        return quantity is > 0 and <= PayloadLimits.MaxQuantity
            ? quantity
            : throw value.Fail($"must be greater than 0 and at most {PayloadLimits.MaxQuantity}.");
    }

    /// <summary>
    /// A VAT rate as the contract writes it: a percentage with at most two decimals (<c>"20"</c>,
    /// <c>"7.5"</c>). <paramref name="percentPerUnit"/> is 100 for platforms that give a fraction (0.2).
    /// </summary>
    public static string VatPercent(PayloadValue value, NumberForm form, decimal percentPerUnit = 1m)
    {
        var percent = Read(value, form) * percentPerUnit;
        return percent is >= 0 and <= MaxPercent
            ? Math.Round(percent, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture)
            : throw value.Fail($"must be a rate between 0 and {MaxPercent} percent.");
    }

    private static decimal Read(PayloadValue value, NumberForm form) => (value.Element.ValueKind, form) switch
    {
        (JsonValueKind.Number, NumberForm.Number or NumberForm.Either) => value.AsNumber(),
        (JsonValueKind.String, NumberForm.DecimalString or NumberForm.Either) => ParseDecimalString(value),
        (_, NumberForm.Number) => throw value.Fail("must be a number."),
        (_, NumberForm.DecimalString) => throw value.Fail("must be a decimal string such as \"12990.00\"."),
        _ => throw value.Fail("must be a number or a decimal string."),
    };

    private static decimal ParseDecimalString(PayloadValue value) =>
        decimal.TryParse(value.AsIdentifier(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw value.Fail("must be a non-negative decimal such as \"12990.00\".");
}
