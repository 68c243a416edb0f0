using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using OrleansShop.Silo.Console.Localization;

namespace OrleansShop.Tests.Silo.Console;

/// <summary>Every text of the console exists in every language, with the same placeholders.</summary>
public sealed partial class ConsoleTextTests
{
    private static readonly ResourceManager Texts = new(typeof(ConsoleText).FullName!, typeof(ConsoleText).Assembly);

    public static TheoryData<string> Languages => ["hu", "tr", "pl"];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Each_english_text_has_a_translation_with_the_same_placeholders(string language)
    {
        var english = Texts.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        var translated = Texts.GetResourceSet(CultureInfo.GetCultureInfo(language), createIfNotExists: true, tryParents: false)!;

        foreach (System.Collections.DictionaryEntry entry in english)
        {
            var name = (string)entry.Key;
            var text = translated.GetString(name);
            Assert.False(string.IsNullOrWhiteSpace(text), $"'{name}' has no {language} text");
            Assert.Equal(Placeholders((string)entry.Value!), Placeholders(text!));
        }
    }

    [Fact]
    public void Every_language_of_the_switch_is_one_the_console_has_texts_for()
    {
        Assert.Equal(["en", "hu", "tr", "pl"], ConsoleCultures.All.Select(c => c.Code));
        Assert.All(ConsoleCultures.All.Skip(1), c => Assert.NotNull(Texts.GetResourceSet(CultureInfo.GetCultureInfo(c.Code), createIfNotExists: true, tryParents: false)));
    }

    private static string[] Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+\}|\(arg\d\)")]
    private static partial Regex PlaceholderPattern();
}
