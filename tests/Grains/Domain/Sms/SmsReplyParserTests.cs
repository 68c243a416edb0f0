using System.Globalization;
using OrleansShop.Grains.Sms;

namespace OrleansShop.Tests.Grains.Domain.Sms;

public sealed class SmsReplyParserTests
{
    private const string Keyword = "ONAY";

    /// <summary>Replies buyers send to "… ONAY 10023 yazip gonderin", and what each one means.</summary>
    public static TheoryData<string?, string?, string?> Replies => new()
    {
        // confirmations: reply, reference, no reason
        { "ONAY 10023", "10023", null },
        { "onay 10023", "10023", null },
        { "Onay 10023", "10023", null },
        { " onay   10023 ", "10023", null },
        { "ONAY 10023.", "10023", null },
        { "onay:10023", "10023", null },
        { "Onay #10023", "10023", null },
        { "ONAY-10023", "10023", null },
        { "ONAY, 10023!", "10023", null },
        { "ONAY\n10023", "10023", null },
        { "ONAY\t10023", "10023", null },
        { "\"ONAY 10023\"", "10023", null },
        { "ONAY – 10023", "10023", null },
        { "ONAY 10023 teşekkürler", "10023", null },
        { "Onay 10023 👍", "10023", null },
        { "👍 onay 10023", "10023", null },
        { "ＯＮＡＹ　１００２３", "10023", null },
        { "ONAY10023", "10023", null },
        { "onay #1001", "1001", null },
        { "ONAY A-1001", "A-1001", null },
        { "onay a-1001", "A-1001", null },
        { "ONAY A–1001", "A-1001", null },
        { "ONAY 10023-", "10023", null },
        { "ONAY A - 1001", "A", null },
        { "ONAY 10023 10024", "10023", null },

        // not confirmations: reply, no reference, reason
        { null, null, SmsReplyReasons.Empty },
        { "", null, SmsReplyReasons.Empty },
        { "   ", null, SmsReplyReasons.Empty },
        { "...", null, SmsReplyReasons.Empty },
        { "0NAY 10023", null, SmsReplyReasons.WrongKeyword },
        { "0NAY10023", null, SmsReplyReasons.WrongKeyword },
        { "EVET 10023", null, SmsReplyReasons.WrongKeyword },
        { "HAYIR 10023", null, SmsReplyReasons.WrongKeyword },
        { "ONAYY 10023", null, SmsReplyReasons.WrongKeyword },
        { "ONA 10023", null, SmsReplyReasons.WrongKeyword },
        { "Onaylıyorum 10023", null, SmsReplyReasons.WrongKeyword },
        { "O N A Y 10023", null, SmsReplyReasons.WrongKeyword },
        { "10023 ONAY", null, SmsReplyReasons.WrongKeyword },
        { "Merhaba, ONAY 10023", null, SmsReplyReasons.WrongKeyword },
        { "ONAYA1001", null, SmsReplyReasons.WrongKeyword },
        { "\u041ENAY 10023", null, SmsReplyReasons.WrongKeyword },
        { "ONAY", null, SmsReplyReasons.MissingReference },
        { "onay.", null, SmsReplyReasons.MissingReference },
        { "ONAY #", null, SmsReplyReasons.MissingReference },
        { "Onay 👍", null, SmsReplyReasons.MissingReference },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public void Real_world_replies_are_read_as_expected(string? text, string? reference, string? reason) =>
        Assert.Equal(new SmsReply(reason is null, reference, reason), SmsReplyParser.Parse(text, Keyword));

    [Theory]
    [InlineData("İPTAL 10023")]
    [InlineData("IPTAL 10023")]
    [InlineData("iptal 10023")]
    [InlineData("ıptal 10023")]
    [InlineData("İptal 10023")]
    [InlineData("Iptal 10023")]
    [InlineData("i\u0307ptal 10023")]
    public void A_dotted_capital_I_keyword_confirms_however_the_buyer_writes_its_I(string text)
    {
        Assert.True(SmsReplyParser.Parse(text, "İPTAL").IsConfirmation);
        Assert.True(SmsReplyParser.Parse(text, "IPTAL").IsConfirmation);
        Assert.True(SmsReplyParser.Parse(text, "iptal").IsConfirmation);
    }

    [Fact]
    public void A_reference_folds_the_Turkish_I_like_the_keyword() =>
        Assert.Equal("TRI-1", SmsReplyParser.Parse("ONAY trİ-1", Keyword).Reference);

    [Theory]
    [InlineData("tr-TR")]
    [InlineData("az-Latn-AZ")]
    [InlineData("hu-HU")]
    [InlineData("en-US")]
    public void The_current_culture_does_not_change_the_reading(string culture)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            Assert.Equal(new SmsReply(true, "10023", null), SmsReplyParser.Parse("onay 10023", Keyword));
            Assert.Equal(new SmsReply(true, "I-7", null), SmsReplyParser.Parse("iptal i-7", "IPTAL"));
            Assert.Equal(new SmsReply(true, "I-7", null), SmsReplyParser.Parse("IPTAL ı-7", "iptal"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void A_keyword_ending_in_a_digit_does_not_glue_to_a_reference() =>
        Assert.Equal(SmsReplyReasons.WrongKeyword, SmsReplyParser.Parse("OK210023", "OK2").Reason);

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("ON AY")]
    [InlineData("ONAY!")]
    public void A_keyword_that_is_not_one_word_is_a_configuration_error(string keyword) =>
        Assert.Throws<ArgumentException>(() => SmsReplyParser.Parse("ONAY 10023", keyword));

    [Theory]
    [InlineData("#1001", "1001")]
    [InlineData("10023", "10023")]
    [InlineData("a-1001", "A-1001")]
    [InlineData(" wc-77 ", "WC-77")]
    [InlineData("#", null)]
    [InlineData(null, null)]
    public void Order_references_normalize_as_replies_read_them(string? reference, string? expected) =>
        Assert.Equal(expected, SmsReplyParser.NormalizeReference(reference));
}
