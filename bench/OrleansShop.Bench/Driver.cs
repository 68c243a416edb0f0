using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace OrleansShop.Bench;

/// <summary>
/// Drives a running silo and the bare Kestrel baseline with one load generator, phase after
/// phase, and prints the benchmark table (markdown) to standard output.
/// </summary>
internal static class Driver
{
    private const string ShopId = "bench";
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const int BuyerCount = 1000;

    public static async Task<int> RunAsync(DriveOptions options)
    {
        using var silo = LoadGenerator.CreateClient(options.Silo, options.Connections);
        using var kestrel = LoadGenerator.CreateClient(options.Kestrel, options.Connections);
        var apiKey = await CreateShopAsync(silo, options.AdminToken);
        var load = new LoadGenerator(silo);
        var run = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        Progress("warming up (JIT, pools, the shop and buyer activations)");
        var warmup = new SignedWebhooks(ShopId, Secret, $"warm{run}", 3 * BuyerCount, BuyerCount);
        await load.ClosedLoopAsync(options.Connections, TimeSpan.FromMinutes(5), warmup.Count, warmup.Request);
        if (options.Only is { } only)
        {
            Progress($"{only} alone for {options.Phase.TotalSeconds:0} s (profiling)");
            var alone = only is "ingest" or "half"
                ? new SignedWebhooks(ShopId, Secret, $"only{run}", (int)(12_000 * options.Phase.TotalSeconds), BuyerCount)
                : null;
            var result = only == "half"
                ? await load.OpenLoopAsync(options.Rate, options.Phase, alone!.Request)
                : await load.ClosedLoopAsync(options.Connections, options.Phase, alone?.Count ?? int.MaxValue / 4, alone is null ? Lookups(apiKey) : alone.Request);
            Row(only, result, null, string.Empty);
            return 0;
        }

        Progress($"ingest, peak: {options.Connections} connections for {options.Phase.TotalSeconds:0} s");
        var peakRequests = new SignedWebhooks(ShopId, Secret, $"peak{run}", (int)(12_000 * options.Phase.TotalSeconds), BuyerCount);
        var peak = await load.ClosedLoopAsync(options.Connections, options.Phase, peakRequests.Count, peakRequests.Request);

        var halfRate = peak.Rate / 2;
        Progress($"ingest at half the peak: {halfRate:0}/s for {options.Phase.TotalSeconds:0} s");
        var halfRequests = new SignedWebhooks(ShopId, Secret, $"half{run}", (int)(halfRate * options.Phase.TotalSeconds) + 1, BuyerCount);
        var half = await load.OpenLoopAsync(halfRate, options.Phase, halfRequests.Request);

        var lookups = Lookups(apiKey);
        Progress("lookups of cached buyers");
        await load.ClosedLoopAsync(options.Connections, TimeSpan.FromMinutes(5), BuyerCount, lookups); // every buyer once: all cached
        var lookup = await load.ClosedLoopAsync(options.Connections, options.Phase, int.MaxValue / 4, lookups);

        Progress("bare Kestrel constant");
        var bare = new LoadGenerator(kestrel);
        await bare.ClosedLoopAsync(options.Connections, TimeSpan.FromSeconds(3), 1_000_000, lookups);
        var baseline = await bare.ClosedLoopAsync(options.Connections, options.Phase, int.MaxValue / 4, lookups);

        Console.WriteLine($"| measure | rate /s | p50 ms | p99 ms | failed | ratio | target |");
        Console.WriteLine($"|---|---:|---:|---:|---:|---:|---|");
        Console.WriteLine($"| pgbench, one ingest's transaction per run | {options.PgbenchTps:0} | | | | 1.00 | |");
        Row("webhook ingest, peak", peak, peak.Rate / options.PgbenchTps, "≥ 1.0× pgbench");
        Row("webhook ingest at half the peak rate", half, null, "p99 < 50 ms");
        Row("cod-eligibility, cached buyers", lookup, lookup.Rate / baseline.Rate, "≥ 0.7× bare Kestrel");
        Row("bare Kestrel, constant answer", baseline, 1, string.Empty);
        return 0;
    }

    private static void Row(string name, PhaseResult result, double? ratio, string target) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {result.Rate:0} | {result.Percentile(50):0.0} | {result.Percentile(99):0.0} | {result.Failed} | {(ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : string.Empty)} | {target} |"));

    private static void Progress(string message) => Console.Error.WriteLine($"[bench] {message}");

    private static Func<int, HttpRequestMessage> Lookups(string apiKey) => i =>
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/shops/{ShopId}/cod-eligibility")
        {
            Content = new StringContent($$"""{"email":"{{Buyers.Email(i % BuyerCount)}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return request;
    };

    private static async Task<string> CreateShopAsync(HttpClient silo, string adminToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/shops/{ShopId}")
        {
            Content = JsonContent.Create(new
            {
                name = "Benchmark shop",
                webhooks = new { profile = "standard", secret = Secret },
                reputation = new { thresholdPercent = 80, blockCodBelowThreshold = true },
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await silo.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Creating the benchmark shop failed: {(int)response.StatusCode} {body}");
        }

        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("apiKey").GetString()!;
    }
}
