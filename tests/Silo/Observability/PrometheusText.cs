using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansShop.Tests.Silo.Observability;

/// <summary>
/// Reads Prometheus' text exposition format with a parser of the test's own: every line is a comment
/// (<c># HELP</c>, <c># TYPE</c>) or a sample <c>name{label="value",…} number</c>; anything else fails.
/// </summary>
internal sealed partial class PrometheusText
{
    private readonly List<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> _samples = [];

    public static PrometheusText Parse(string text)
    {
        var parsed = new PrometheusText();
        foreach (var line in text.Split('\n').Where(l => l.Length > 0))
        {
            if (line.StartsWith('#'))
            {
                Assert.Matches(CommentPattern(), line);
                continue;
            }

            var sample = SamplePattern().Match(line);
            Assert.True(sample.Success, $"not a Prometheus sample: {line}");
            var labels = LabelPattern().Matches(sample.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Replace("\\\"", "\"", StringComparison.Ordinal));
            var value = sample.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                var number => double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            parsed._samples.Add((sample.Groups["name"].Value, labels, value));
        }

        return parsed;
    }

    public IEnumerable<string> Names => _samples.Select(s => s.Name).Distinct();

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels include <paramref name="labels"/>.</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value)).Sum(s => s.Value);

    [GeneratedRegex(@"^# (HELP|TYPE|UNIT|EOF)( .*)?$")]
    private static partial Regex CommentPattern();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>[-+]?([0-9.]+([eE][-+]?[0-9]+)?|Inf|NaN))( [0-9]+)?$")]
    private static partial Regex SamplePattern();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPattern();
}
