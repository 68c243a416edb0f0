using System.Reflection;
using OrleansShop.Grains.Shipping;
using OrleansShop.Silo.Shipping.Labels;
using ZXing.OneD;

namespace OrleansShop.Tests.Silo.Shipping.Labels;

/// <summary>
/// Our Code 128 encoder against encodings worked out by hand from the standard, against ZXing's own
/// table, and read back by ZXing's Code 128 reader, which shares no code with it.
/// </summary>
public sealed class Code128Tests
{
    /// <summary>ZXing's reading of a scan line made from our widths, with the quiet zones the standard asks for.</summary>
    internal static string? Decode(IReadOnlyList<int> widths)
    {
        var row = new ZXing.Common.BitArray(widths.Sum() + (2 * Code128.QuietZoneModules));
        var at = Code128.QuietZoneModules;
        for (var i = 0; i < widths.Count; i++)
        {
            for (var m = 0; m < widths[i]; m++, at++)
            {
                row[at] = i % 2 == 0; // bars at even positions, spaces between
            }
        }

        return new Code128Reader().decodeRow(0, row, null)?.Text;
    }

    [Fact]
    public void A_letter_in_code_set_b_is_start_b_the_letter_its_checksum_and_stop()
    {
        // Start B 104 "211214"; 'A' = 65 − 32 = 33 "111323"; checksum (104 + 1 × 33) mod 103 = 34 "131123"; stop "2331112".
        Assert.Equal([104, 33, 34], Code128.Values("A"));
        Assert.Equal("2112141113231311232331112", string.Concat(Code128.Widths("A")));
    }

    [Fact]
    public void An_even_run_of_digits_is_code_set_c_two_digits_a_symbol()
    {
        // Start C 105; 12, 34, 56; checksum (105 + 1 × 12 + 2 × 34 + 3 × 56) mod 103 = 353 mod 103 = 44.
        Assert.Equal([105, 12, 34, 56, 44], Code128.Values("123456"));
        Assert.Equal("211232" + "112232" + "131123" + "331121" + "132131" + "2331112", string.Concat(Code128.Widths("123456")));
    }

    [Fact]
    public void Text_with_a_long_digit_run_switches_to_code_set_c_and_back()
    {
        // O=47 S=51, Code C 99, 12 34 56 78, Code B 100, A=33 B=34 C=35; checksum worked out by hand:
        // 104 + 1·47 + 2·51 + 3·99 + 4·12 + 5·34 + 6·56 + 7·78 + 8·100 + 9·33 + 10·34 + 11·35 = 3472; 3472 mod 103 = 73.
        Assert.Equal([104, 47, 51, 99, 12, 34, 56, 78, 100, 33, 34, 35, 73], Code128.Values("OS12345678ABC"));
        Assert.Equal("OS12345678ABC", Decode(Code128.Widths("OS12345678ABC")));
    }

    [Fact]
    public void An_odd_run_of_digits_puts_its_first_digit_in_code_set_b()
    {
        // '1' = 17 in B, then Code C 99 with 23 and 45: (104 + 17 + 2·99 + 3·23 + 4·45) mod 103 = 568 mod 103 = 53.
        Assert.Equal([104, 17, 99, 23, 45, 53], Code128.Values("12345"));
        Assert.Equal("12345", Decode(Code128.Widths("12345")));
    }

    [Fact]
    public void The_width_table_is_the_standards_as_zxing_has_it_and_every_symbol_is_eleven_modules()
    {
        var theirs = (int[][])typeof(Code128Reader).GetField("CODE_PATTERNS", BindingFlags.Static | BindingFlags.NonPublic)!.GetValue(null)!;
        Assert.Equal(107, Code128.Patterns.Count);
        Assert.Equal(theirs.Length, Code128.Patterns.Count);
        for (var value = 0; value < theirs.Length; value++)
        {
            Assert.Equal(string.Concat(theirs[value]), Code128.Patterns[value]);
        }

        Assert.All(Code128.Patterns.Take(106), p => Assert.Equal(11, p.Sum(c => c - '0')));
        Assert.Equal(13, Code128.Patterns[Code128.Stop].Sum(c => c - '0'));
        Assert.Equal(("211412", "211214", "211232", "2331112"), (Code128.Patterns[103], Code128.Patterns[104], Code128.Patterns[105], Code128.Patterns[106]));
    }

    [Theory]
    [InlineData("shop/10023")]
    [InlineData("kargo/5001")]
    [InlineData("a-very-long-shop-id-of-many-characters/order-with-a-long-id-9999")]
    public void Every_cargo_key_reads_back_as_itself(string orderKey)
    {
        var cargoKey = ShipmentNames.CargoKey(orderKey);

        Assert.Equal(cargoKey, Decode(Code128.Widths(cargoKey)));
    }

    [Theory]
    [InlineData("12")]
    [InlineData("0000")]
    [InlineData("A1B2C3")]
    [InlineData("AB123456789012CD")]
    [InlineData(" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~")]
    public void Printable_ascii_reads_back_as_itself(string text) => Assert.Equal(text, Decode(Code128.Widths(text)));

    [Fact]
    public void The_checksum_is_the_start_plus_each_value_times_its_position_modulo_103()
    {
        // PJJ123C in Code Set B: 104 + 1·48 + 2·42 + 3·42 + 4·17 + 5·18 + 6·19 + 7·35 = 879; 879 mod 103 = 55.
        Assert.Equal(55, Code128.Checksum([104, 48, 42, 42, 17, 18, 19, 35]));
        Assert.Equal(55, Code128.Values("PJJ123C")[^1]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("İstanbul")]
    [InlineData("tab\there")]
    public void Text_outside_printable_ascii_is_refused(string text) =>
        Assert.ThrowsAny<ArgumentException>(() => Code128.Values(text));
}
