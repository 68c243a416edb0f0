using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Grains.Privacy;
using OrleansShop.Grains.Reputation;
using OrleansShop.Runtime;
using OrleansShop.Runtime.Storage;
using OrleansShop.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansShop.Tests.Reputation;

/// <summary>
/// What a checkout lookup costs on PostgreSQL, and how much of it is the per-turn version check that
/// makes a lookup on any silo reflect every report committed before it. Prints its figures
/// (<c>dotnet test --filter LookupCostMeasurement --logger "console;verbosity=detailed"</c>); README quotes them.
/// </summary>
public sealed class LookupCostMeasurement(ITestOutputHelper output)
{
    private const int Rounds = 300;
    private const string Email = "measured.buyer@example.hu";

    [Fact]
    public async Task Measures_the_version_checks_share_of_a_checkout_lookup_on_postgresql()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var silo = scope.Cluster.Primary;
        using var admin = silo.CreateClient();
        var created = await admin.PutAsJsonAsync("/v1/shops/measured", Shops.ShopsApiTests.Shop());
        using var shop = silo.CreateClient(JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("apiKey").GetString());
        var hash = silo.Services.GetRequiredService<EmailPseudonymizer>().Pseudonymize(Email).Hash;
        await silo.Grains.GetGrain<IBuyerReputationGrain>(hash).RecordAsync(new Contribution("measured", "o1", Outcome.Collected, DateTimeOffset.UtcNow));
        var storage = silo.Services.GetRequiredService<IGrainStorage>();
        var grainId = new GrainId(GrainTypeName.Of<IBuyerReputationGrain>(), hash);
        Assert.True(storage.IsShared); // PostgreSQL: every turn checks the stored version first

        // Interleaved, so a machine busy with other work slows the three alike.
        var (lookup, grainCall, check) = await TimeAsync(
            async () => (await shop.PostAsJsonAsync("/v1/shops/measured/cod-eligibility", new { email = Email })).EnsureSuccessStatusCode(),
            () => silo.Grains.GetGrain<IBuyerReputationGrain>(hash).GetAsync(),
            () => storage.ReadVersionAsync(grainId, CancellationToken.None));

        output.WriteLine($"{Rounds} interleaved rounds after warm-up, one silo on PostgreSQL over loopback through the test cluster's TCP proxy:");
        output.WriteLine($"  checkout lookup over HTTP (with the check): {lookup}");
        output.WriteLine($"  the grain call alone (with the check):      {grainCall}");
        output.WriteLine($"  the version check alone (one SELECT):       {check}");
        // A lookup runs two grain turns, each checking first: the shop's (authenticating the key) and the buyer's.
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  without the two checks a lookup would take about {lookup.Median - (2 * check.Median):0.000} ms median: they are {200 * check.Median / lookup.Median:0}% of it"));
        Assert.InRange(check.Median, 0.001, lookup.Median);
        Assert.InRange(check.Median, 0.001, grainCall.Median * 1.5); // the grain call is little more than its check
    }

    private static async Task<(Figures, Figures, Figures)> TimeAsync(Func<Task> first, Func<Task> second, Func<Task> third)
    {
        Func<Task>[] calls = [first, second, third];
        var samples = calls.Select(_ => new double[Rounds]).ToArray();
        for (var i = -30; i < Rounds; i++) // the first 30 warm up
        {
            for (var c = 0; c < calls.Length; c++)
            {
                var started = Stopwatch.GetTimestamp();
                await calls[c]();
                if (i >= 0)
                {
                    samples[c][i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
            }
        }

        var figures = samples.Select(Figures.Of).ToArray();
        return (figures[0], figures[1], figures[2]);
    }

    private sealed record Figures(double Mean, double Median, double P95)
    {
        public static Figures Of(double[] samples)
        {
            Array.Sort(samples);
            return new Figures(samples.Average(), samples[samples.Length / 2], samples[samples.Length * 95 / 100]);
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"mean {Mean:0.000} ms, median {Median:0.000} ms, p95 {P95:0.000} ms");
    }
}
