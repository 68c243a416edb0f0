namespace OrleansShop.Grains.Sms;

/// <summary>How a text goes out as SMS.</summary>
/// <param name="Encoding"><see cref="SmsEncodings.Gsm7"/> or <see cref="SmsEncodings.Ucs2"/>.</param>
/// <param name="Units">Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2 (an emoji counts 2).</param>
/// <param name="Parts">SMS parts it takes; 0 for an empty text.</param>
public sealed record SmsMeasure(string Encoding, int Units, int Parts);

public static class SmsEncodings
{
    public const string Gsm7 = "GSM-7";
    public const string Ucs2 = "UCS-2";
}
