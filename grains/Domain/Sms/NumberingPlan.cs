namespace OrleansShop.Grains.Sms;

/// <summary>
/// What one country's numbers look like, as far as normalising them needs: its calling code, the
/// trunk prefix written before national numbers at home, the length of a national number (without
/// trunk prefix) and the digits one may start with.
/// </summary>
internal sealed record NumberingPlan(string CallingCode, string TrunkPrefix, int MinNationalLength, int MaxNationalLength, string FirstDigits)
{
    /// <summary>Ten digits: geographic numbers start 2–4, mobiles 5, non-geographic 8 and 9.</summary>
    public static NumberingPlan Turkey { get; } = new("90", "0", 10, 10, "234589");

    /// <summary>Eight digits (Budapest 1 + 7, other areas 2 + 6), nine for mobiles (20, 30, 31, 50, 70 + 7).</summary>
    public static NumberingPlan Hungary { get; } = new("36", "06", 8, 9, "123456789");

    /// <summary>E.164 allows at most 15 digits; the shortest numbers in use have 7.</summary>
    public const int MinE164Digits = 7;
    public const int MaxE164Digits = 15;

    private static readonly NumberingPlan[] Plans = [Turkey, Hungary];

    /// <summary>
    /// The plan of a default calling code. Codes we have no plan for get a generic one: trunk prefix
    /// <c>0</c> (most of Europe) and any length E.164 allows — a best effort, not a validation.
    /// </summary>
    public static NumberingPlan For(string callingCode)
    {
        ArgumentNullException.ThrowIfNull(callingCode);
        if (!CallingCodes.IsCallingCode(callingCode))
        {
            throw new ArgumentException("A country calling code is one to three digits, not starting with 0.", nameof(callingCode));
        }

        var code = callingCode.TrimStart('+');
        return Plans.FirstOrDefault(p => p.CallingCode == code)
            ?? new(code, "0", MinE164Digits - code.Length, MaxE164Digits - code.Length, "123456789");
    }

    /// <summary>The known plan whose calling code starts these digits (calling codes are prefix-free).</summary>
    public static NumberingPlan? Known(string digits) =>
        Plans.FirstOrDefault(p => digits.StartsWith(p.CallingCode, StringComparison.Ordinal));

    public bool IsNational(string digits) =>
        digits.Length >= MinNationalLength
        && digits.Length <= MaxNationalLength
        && FirstDigits.Contains(digits[0], StringComparison.Ordinal)
        && digits.All(char.IsAsciiDigit);

    /// <summary>
    /// E.164 from the digits after this plan's calling code. A trunk prefix there is dropped too:
    /// Turkish buyers often write <c>+90 (0532) …</c>.
    /// </summary>
    public string? WithCallingCode(string national) =>
        IsNational(national) ? $"+{CallingCode}{national}"
        : national.StartsWith(TrunkPrefix, StringComparison.Ordinal) && IsNational(national[TrunkPrefix.Length..]) ? $"+{CallingCode}{national[TrunkPrefix.Length..]}"
        : null;

    /// <summary>
    /// E.164 from digits written without <c>+</c> or <c>00</c>, tried in this order: national with
    /// trunk prefix (<c>05321234567</c>, <c>06301234567</c>), international without the plus
    /// (<c>905321234567</c>), national without trunk prefix (<c>5321234567</c>). For Turkey and
    /// Hungary the lengths tell these apart; for a generic plan a number starting with the calling
    /// code is taken as international.
    /// </summary>
    public string? National(string digits)
    {
        if (digits.StartsWith(TrunkPrefix, StringComparison.Ordinal) && IsNational(digits[TrunkPrefix.Length..]))
        {
            return $"+{CallingCode}{digits[TrunkPrefix.Length..]}";
        }

        if (digits.StartsWith(CallingCode, StringComparison.Ordinal) && WithCallingCode(digits[CallingCode.Length..]) is { } international)
        {
            return international;
        }

        return IsNational(digits) ? $"+{CallingCode}{digits}" : null;
    }
}
