using System.Text;
using OrleansShop.Grains.Shops;
using OrleansShop.Grains.Sms;

namespace OrleansShop.Tests.Grains.Domain.Sms;

public sealed class SmsTextTests
{
    [Fact]
    public void The_seed_template_is_filled_with_a_Turkish_name_and_the_reference() =>
        Assert.Equal(
            "Sn. Şükrü Öztürk, 10023 numarali siparisinizi onaylamak icin ONAY 10023 yazip gonderin.",
            SmsText.Fill(ShopDefaults.SmsTemplate, "Şükrü Öztürk", "10023"));

    [Fact]
    public void Every_placeholder_occurrence_is_replaced() =>
        Assert.Equal("Kovács Éva / Kovács Éva: 1001, 1001, 1001", SmsText.Fill("(arg0) / (arg0): (arg1), (arg1), (arg1)", "Kovács Éva", "1001"));

    [Fact]
    public void Text_that_only_looks_like_a_placeholder_is_untouched() =>
        Assert.Equal("(arg2) (ARG0) (arg0 arg1) ( arg1) X", SmsText.Fill("(arg2) (ARG0) (arg0 arg1) ( arg1) (arg0)", "X", "1"));

    [Fact]
    public void A_name_containing_a_placeholder_is_not_filled_again() =>
        Assert.Equal("Dear (arg1), order 1001", SmsText.Fill("Dear (arg0), order (arg1)", "(arg1)", "1001"));

    [Fact]
    public void A_missing_buyer_name_leaves_its_place_empty() =>
        Assert.Equal("Sn. , 1001", SmsText.Fill("Sn. (arg0), (arg1)", null, "1001"));

    [Fact]
    public void Filled_text_survives_UTF8_intact()
    {
        var filled = SmsText.Fill("Kedves (arg0)! Rendelés: (arg1) – köszönjük 🙏", "Őri Űrsula", "HU-77");
        var bytes = Encoding.UTF8.GetBytes(filled);

        Assert.Equal(filled, new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes));
        Assert.Equal("Kedves Őri Űrsula! Rendelés: HU-77 – köszönjük 🙏", filled);
    }

    [Fact]
    public void A_decomposed_name_is_composed_so_it_measures_as_written()
    {
        var filled = SmsText.Fill("(arg0)", "Go\u0308khan O\u0308zu\u0308", "1");

        Assert.Equal("Gökhan Özü", filled);
        Assert.Equal(new SmsMeasure(SmsEncodings.Gsm7, 10, 1), SmsText.Measure(filled));
    }

    [Fact]
    public void The_seed_template_with_an_ASCII_name_is_one_GSM7_part()
    {
        var filled = SmsText.Fill(ShopDefaults.SmsTemplate, "Ahmet Yilmaz", "10023");

        Assert.Equal(new SmsMeasure(SmsEncodings.Gsm7, filled.Length, 1), SmsText.Measure(filled));
    }

    [Fact]
    public void A_Turkish_name_with_s_cedilla_and_dotless_i_turns_the_SMS_into_UCS2()
    {
        var filled = SmsText.Fill(ShopDefaults.SmsTemplate, "Ayşe Yılmaz", "10023");

        Assert.Equal(new SmsMeasure(SmsEncodings.Ucs2, filled.Length, 2), SmsText.Measure(filled));
    }

    [Theory]
    [InlineData("Gül Öztürk Çelik", SmsEncodings.Gsm7)]
    [InlineData("Çağla Işık", SmsEncodings.Ucs2)]
    [InlineData("Müller Éva Ödön Ürge", SmsEncodings.Gsm7)]
    [InlineData("Kovács Éva", SmsEncodings.Ucs2)]
    [InlineData("Szabó Ödön", SmsEncodings.Ucs2)]
    [InlineData("Erdős Pál", SmsEncodings.Ucs2)]
    public void Names_decide_the_encoding_letter_by_letter(string name, string encoding) =>
        Assert.Equal(encoding, SmsText.Measure(name).Encoding);

    /// <summary>Membership per GSM 03.38 §6.2.1: Ç (0x09) but not ç; é É ö Ö ü Ü ä Ä ñ Ñ à è ù ì ò; no á í ó ú ő ű or Turkish ş ğ ı İ.</summary>
    [Theory]
    [InlineData('Ç', true)]
    [InlineData('ç', false)]
    [InlineData('ö', true)]
    [InlineData('Ö', true)]
    [InlineData('ü', true)]
    [InlineData('Ü', true)]
    [InlineData('é', true)]
    [InlineData('É', true)]
    [InlineData('ä', true)]
    [InlineData('Ä', true)]
    [InlineData('ñ', true)]
    [InlineData('Ñ', true)]
    [InlineData('à', true)]
    [InlineData('è', true)]
    [InlineData('ù', true)]
    [InlineData('ì', true)]
    [InlineData('ò', true)]
    [InlineData('ß', true)]
    [InlineData('Å', true)]
    [InlineData('ø', true)]
    [InlineData('Δ', true)]
    [InlineData('¤', true)]
    [InlineData('ş', false)]
    [InlineData('Ş', false)]
    [InlineData('ğ', false)]
    [InlineData('Ğ', false)]
    [InlineData('ı', false)]
    [InlineData('İ', false)]
    [InlineData('á', false)]
    [InlineData('Á', false)]
    [InlineData('í', false)]
    [InlineData('Í', false)]
    [InlineData('ó', false)]
    [InlineData('Ó', false)]
    [InlineData('ő', false)]
    [InlineData('Ő', false)]
    [InlineData('ú', false)]
    [InlineData('Ú', false)]
    [InlineData('ű', false)]
    [InlineData('Ű', false)]
    [InlineData('â', false)]
    [InlineData('`', false)]
    [InlineData('\u001B', false)]
    public void Letters_are_GSM7_exactly_when_the_default_alphabet_has_them(char letter, bool gsm7) =>
        Assert.Equal(gsm7 ? SmsEncodings.Gsm7 : SmsEncodings.Ucs2, SmsText.Measure(letter.ToString()).Encoding);

    [Fact]
    public void The_default_alphabet_has_128_distinct_septets() =>
        Assert.Equal(128, GsmAlphabet.DefaultTable.Distinct().Count());

    [Theory]
    [InlineData("€", 2)]
    [InlineData("[x]", 5)]
    [InlineData("^{}\\[~]|€", 18)]
    [InlineData("a\fb", 4)]
    public void Extension_characters_count_two_septets(string text, int septets) =>
        Assert.Equal(new SmsMeasure(SmsEncodings.Gsm7, septets, 1), SmsText.Measure(text));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    [InlineData(459, 3)]
    [InlineData(460, 4)]
    public void GSM7_takes_160_septets_in_one_part_and_153_per_part_after(int length, int parts) =>
        Assert.Equal(new SmsMeasure(SmsEncodings.Gsm7, length, parts), SmsText.Measure(new string('a', length)));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void UCS2_takes_70_units_in_one_part_and_67_per_part_after(int length, int parts) =>
        Assert.Equal(new SmsMeasure(SmsEncodings.Ucs2, length, parts), SmsText.Measure(new string('ş', length)));

    [Fact]
    public void An_emoji_counts_two_UCS2_units() =>
        Assert.Equal(new SmsMeasure(SmsEncodings.Ucs2, 4, 1), SmsText.Measure("ok👍"));

    [Fact]
    public void An_escape_pair_is_not_split_between_parts()
    {
        // 152 + 2 + 152 = 306 septets would fit two parts of 153, but the € cannot straddle them.
        var text = new string('a', 152) + "€" + new string('a', 152);

        Assert.Equal(new SmsMeasure(SmsEncodings.Gsm7, 306, 3), SmsText.Measure(text));
    }

    [Fact]
    public void A_surrogate_pair_is_not_split_between_parts()
    {
        var text = new string('ş', 66) + "👍" + new string('ş', 66);

        Assert.Equal(new SmsMeasure(SmsEncodings.Ucs2, 134, 3), SmsText.Measure(text));
    }

    [Fact]
    public void An_empty_text_is_no_part() =>
        Assert.Equal(new SmsMeasure(SmsEncodings.Gsm7, 0, 0), SmsText.Measure(string.Empty));
}
