using System.Globalization;

namespace OrleansShop.Bench;

/// <param name="Only">One phase alone, <c>ingest</c>, <c>half</c> (ingest at <paramref name="Rate"/> a second) or <c>lookup</c>, for profiling; null runs them all.</param>
internal sealed record DriveOptions(Uri Silo, Uri Kestrel, string AdminToken, double PgbenchTps, int Connections, TimeSpan Phase, string? Only, double Rate)
{
    public static DriveOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        string Required(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required.");
        return new DriveOptions(
            new Uri(Required("silo")),
            new Uri(Required("kestrel")),
            Required("admin-token"),
            double.Parse(Required("pgbench-tps"), CultureInfo.InvariantCulture),
            int.Parse(values.GetValueOrDefault("connections", "64"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(int.Parse(values.GetValueOrDefault("seconds", "15"), CultureInfo.InvariantCulture)),
            values.GetValueOrDefault("only"),
            double.Parse(values.GetValueOrDefault("rate", "500"), CultureInfo.InvariantCulture));
    }
}
