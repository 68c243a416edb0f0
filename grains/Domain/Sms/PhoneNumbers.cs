namespace OrleansShop.Grains.Sms;

/// <summary>
/// Phone numbers as buyers and shop platforms write them, brought to E.164 (<c>+905321234567</c>).
/// Phone numbers are personal data: nothing here logs one or puts one in an exception.
/// </summary>
public static class PhoneNumbers
{
    /// <summary>
    /// The number in E.164, or null when it cannot be read as a phone number (never throws for bad input).
    /// Spaces, dashes, dots, slashes and parentheses are ignored; <c>+</c> (before the first digit) or
    /// <c>00</c> start an international number; otherwise <paramref name="defaultCallingCode"/> decides
    /// (see <see cref="NumberingPlan.National"/>), and a national number's trunk prefix is dropped
    /// (Turkey <c>0</c>, Hungary <c>06</c>).
    /// </summary>
    /// <param name="defaultCallingCode">The country calling code of numbers written without one, e.g. <c>"90"</c>.</param>
    /// <exception cref="ArgumentException">The default calling code is not one to three digits (a configuration error).</exception>
    public static string? ToE164(string? phone, string defaultCallingCode)
    {
        var plan = NumberingPlan.For(defaultCallingCode);
        if (phone is null || !TryReadDigits(phone, out var digits, out var plus))
        {
            return null;
        }

        return plus ? International(digits)
            : digits.StartsWith("00", StringComparison.Ordinal) ? International(digits[2..])
            : plan.National(digits);
    }

    /// <summary>
    /// Netgsm's <c>no</c>: the ten national digits of a Turkish number (<c>5xxxxxxxxx</c> for a mobile),
    /// or null for anything that is not a Turkish number in E.164. Landlines pass too; they cannot receive SMS.
    /// </summary>
    public static string? ToNetgsmNational(string? e164)
    {
        var turkey = NumberingPlan.Turkey;
        if (e164 is null || !e164.StartsWith($"+{turkey.CallingCode}", StringComparison.Ordinal))
        {
            return null;
        }

        var national = e164[(1 + turkey.CallingCode.Length)..];
        return turkey.IsNational(national) ? national : null;
    }

    /// <summary>E.164 from the digits after <c>+</c> or <c>00</c>, checked against the country's plan where we know it.</summary>
    private static string? International(string digits) =>
        NumberingPlan.Known(digits) is { } plan ? plan.WithCallingCode(digits[plan.CallingCode.Length..])
        : digits.Length is >= NumberingPlan.MinE164Digits and <= NumberingPlan.MaxE164Digits && digits[0] != '0' ? $"+{digits}"
        : null;

    private static bool TryReadDigits(string phone, out string digits, out bool plus)
    {
        plus = false;
        var buffer = new char[phone.Length];
        var length = 0;
        foreach (var c in phone)
        {
            if (char.IsAsciiDigit(c))
            {
                buffer[length++] = c;
            }
            else if (c == '+' && length == 0 && !plus)
            {
                // "+90 …" and "(+90) …": one plus, before the first digit.
                plus = true;
            }
            else if (!IsSeparator(c))
            {
                digits = string.Empty;
                return false;
            }
        }

        digits = new string(buffer, 0, length);
        return length > 0;
    }

    // "+90 (532) 123-45.67", "06 30/123 4567": what people type between digits, and no-break spaces from copy and paste.
    private static bool IsSeparator(char c) => char.IsWhiteSpace(c) || c is '-' or '.' or '/' or '(' or ')';
}
