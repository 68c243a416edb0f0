using System.Text.RegularExpressions;
using OrleansShop.Grains.Sms;

namespace OrleansShop.Tests.Grains.Domain.Sms;

public sealed partial class PhoneNumbersTests
{
    private const string Turkey = "90";
    private const string Hungary = "36";

    [Theory]
    [InlineData("+90 532 123 45 67")]
    [InlineData("+905321234567")]
    [InlineData("0532 123 45 67")]
    [InlineData("05321234567")]
    [InlineData("5321234567")]
    [InlineData("905321234567")]
    [InlineData("00905321234567")]
    [InlineData("0090 532 123 45 67")]
    [InlineData("+90 (532) 123-45-67")]
    [InlineData("(0532) 123 45 67")]
    [InlineData("0532.123.45.67")]
    [InlineData("0532-123-4567")]
    [InlineData("(+90) 532 123 45 67")]
    [InlineData("+90 (0532) 123 45 67")]
    [InlineData(" +90\u00A0532\u00A0123\u00A045\u00A067 ")]
    [InlineData("532 123 45 67")]
    public void Turkish_forms_buyers_write_become_E164(string written) =>
        Assert.Equal("+905321234567", PhoneNumbers.ToE164(written, Turkey));

    [Theory]
    [InlineData("+36 30 123 4567")]
    [InlineData("+36301234567")]
    [InlineData("06301234567")]
    [InlineData("06 30 123 4567")]
    [InlineData("06-30/123-4567")]
    [InlineData("36301234567")]
    [InlineData("0036 30 123 4567")]
    [InlineData("30 123 4567")]
    [InlineData("+36 (30) 123-4567")]
    public void Hungarian_forms_buyers_write_become_E164(string written) =>
        Assert.Equal("+36301234567", PhoneNumbers.ToE164(written, Hungary));

    [Fact]
    public void A_Budapest_number_has_eight_national_digits() =>
        Assert.Equal("+3612345678", PhoneNumbers.ToE164("06 1 234 5678", Hungary));

    [Fact]
    public void An_Eger_number_starting_with_36_is_not_mistaken_for_a_calling_code() =>
        Assert.Equal("+3636123456", PhoneNumbers.ToE164("36 123 456", Hungary));

    [Theory]
    [InlineData("+36 30 123 4567", Turkey, "+36301234567")]
    [InlineData("0036301234567", Turkey, "+36301234567")]
    [InlineData("+90 532 123 45 67", Hungary, "+905321234567")]
    [InlineData("0090 532 123 45 67", Hungary, "+905321234567")]
    [InlineData("+49 151 12345678", Turkey, "+4915112345678")]
    [InlineData("+1 (415) 555-2671", Hungary, "+14155552671")]
    public void A_written_calling_code_wins_over_the_default(string written, string defaultCode, string expected) =>
        Assert.Equal(expected, PhoneNumbers.ToE164(written, defaultCode));

    [Fact]
    public void A_default_calling_code_may_be_written_with_a_plus() =>
        Assert.Equal("+905321234567", PhoneNumbers.ToE164("0532 123 45 67", "+90"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("+")]
    [InlineData("0532 123 45 6")]
    [InlineData("0532 123 45 678")]
    [InlineData("+90 532 123 45 6")]
    [InlineData("+90 032 123 45 67")]
    [InlineData("+90 132 123 45 67")]
    [InlineData("1234")]
    [InlineData("++905321234567")]
    [InlineData("+90 532 123 45 67 ext 12")]
    [InlineData("0532 123 45 67 / 0533 123 45 67")]
    [InlineData("+0 123 4567")]
    [InlineData("532-ABC-4567")]
    [InlineData("+999 1234567890123")]
    [InlineData("0532 123 45 67\0")]
    [InlineData("９０５３２１２３４５６７")]
    [InlineData("05321234567+")]
    public void What_is_not_a_phone_number_is_null(string? written) =>
        Assert.Null(PhoneNumbers.ToE164(written, Turkey));

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("9000")]
    [InlineData("tr")]
    public void A_bad_default_calling_code_is_a_configuration_error(string defaultCode) =>
        Assert.Throws<ArgumentException>(() => PhoneNumbers.ToE164("05321234567", defaultCode));

    [Fact]
    public void Random_input_never_throws_and_yields_E164_or_null()
    {
        var random = new Random(4);
        const string alphabet = "0123456789 +-.()/#xa\u00A0";
        for (var i = 0; i < 20_000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 24)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            foreach (var code in new[] { Turkey, Hungary, "49" })
            {
                var e164 = PhoneNumbers.ToE164(text, code);
                Assert.True(e164 is null || E164().IsMatch(e164), $"'{text}' gave '{e164}'");
            }
        }
    }

    [Theory]
    [InlineData("+905321234567", "5321234567")]
    [InlineData("+902121234567", "2121234567")]
    public void Netgsm_takes_the_ten_national_digits_of_a_Turkish_number(string e164, string expected) =>
        Assert.Equal(expected, PhoneNumbers.ToNetgsmNational(e164));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("+36301234567")]
    [InlineData("+4915112345678")]
    [InlineData("905321234567")]
    [InlineData("05321234567")]
    [InlineData("+9053212345678")]
    [InlineData("+90532123456")]
    [InlineData("+90 532 123 45 67")]
    [InlineData("+900321234567")]
    public void Netgsm_gets_no_number_for_anything_but_a_Turkish_E164(string? e164) =>
        Assert.Null(PhoneNumbers.ToNetgsmNational(e164));

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();
}
