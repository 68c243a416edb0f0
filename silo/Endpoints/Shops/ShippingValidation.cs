using OrleansShop.Grains.Shops;

namespace OrleansShop.Silo.Endpoints.Shops;

/// <summary>The <c>shipping</c> section of a shop: one carrier, a collection type, two SMS templates, the label's sender.</summary>
internal static class ShippingValidation
{
    public const int MaxTemplateLength = 1000;

    public static void Validate(ShippingSettings shipping, Action<string, string> fail)
    {
        if (shipping.Carrier != "yurtici")
        {
            fail("shipping.carrier", "shipping.carrier must be yurtici.");
        }

        if (shipping.CodCollectionType is not ("cash" or "card"))
        {
            fail("shipping.codCollectionType", "shipping.codCollectionType must be cash or card.");
        }

        Template(shipping.HandedOverText, "shipping.handedOverText", fail);
        Template(shipping.DeliveredText, "shipping.deliveredText", fail);
        if (shipping.Sender is { } sender)
        {
            Sender(sender, fail);
        }
    }

    /// <summary>The label's sender: an address and a city are required, the rest is optional, all printable text of label size.</summary>
    private static void Sender(ShippingSender sender, Action<string, string> fail)
    {
        Text(sender.Name, "shipping.sender.name", 100, required: false, multiline: false, fail);
        Text(sender.Address, "shipping.sender.address", 200, required: true, multiline: true, fail);
        Text(sender.City, "shipping.sender.city", 100, required: true, multiline: false, fail);
        Text(sender.PostalCode, "shipping.sender.postalCode", 20, required: false, multiline: false, fail);
        if (!string.IsNullOrWhiteSpace(sender.CountryCode) && sender.CountryCode.Trim() is var country && !(country.Length == 2 && country.All(char.IsAsciiLetterUpper)))
        {
            fail("shipping.sender.countryCode", "shipping.sender.countryCode is an ISO 3166-1 alpha-2 code in capitals, e.g. TR.");
        }

        if (!string.IsNullOrWhiteSpace(sender.Phone) && !IsPhone(sender.Phone.Trim()))
        {
            fail("shipping.sender.phone", "shipping.sender.phone is a phone number of 7 to 20 characters: digits, spaces, '+', '-' and parentheses, e.g. +90 216 555 01 23.");
        }
    }

    /// <summary>A phone number as a courier reads it: 7 to 20 characters, at least 7 of them digits, the rest spaces, <c>+</c>, <c>-</c> and parentheses.</summary>
    private static bool IsPhone(string phone) =>
        phone.Length is >= 7 and <= 20
        && phone.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')')
        && phone.Count(char.IsAsciiDigit) >= 7;

    /// <summary>The section as it is kept: the sender's values trimmed, blank ones dropped, line breaks as <c>\n</c>.</summary>
    public static ShippingSettings Normalize(ShippingSettings shipping)
    {
        ArgumentNullException.ThrowIfNull(shipping);
        static string? Clean(string? value) => string.IsNullOrWhiteSpace(value)
            ? null
            : string.Join('\n', value.ReplaceLineEndings("\n").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0));
        return shipping.Sender is not { } sender
            ? shipping
            : shipping with { Sender = new ShippingSender(Clean(sender.Name), Clean(sender.Address), Clean(sender.City), Clean(sender.PostalCode), Clean(sender.CountryCode), Clean(sender.Phone)) };
    }

    private static void Text(string? value, string field, int maxLength, bool required, bool multiline, Action<string, string> fail)
    {
        var blank = string.IsNullOrWhiteSpace(value);
        var controls = !blank && value!.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r'));
        if ((required && blank) || (!blank && (value!.Trim().Length > maxLength || controls)))
        {
            var rule = multiline ? $"at most {maxLength} characters, on one or more lines" : $"at most {maxLength} characters on one line";
            fail(field, required ? $"{field} is required when shipping.sender is given: {rule}." : $"{field} is {rule}.");
        }
    }

    private static void Template(string? template, string field, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(template) || template.Length > MaxTemplateLength)
        {
            fail(field, $"{field} is required, at most {MaxTemplateLength} characters.");
        }
    }
}
