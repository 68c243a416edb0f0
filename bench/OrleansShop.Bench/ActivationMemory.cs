using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Orleans;
using OrleansShop.Grains.Reputation;
using OrleansShop.Silo.Hosting;

namespace OrleansShop.Bench;

/// <summary>
/// Bytes per idle e-mail-reputation activation: the managed heap after a full, compacting
/// collection, before and after activating that many buyer grains (keys shaped like real e-mail
/// hashes) on a silo of the embedded default (Orleans on SQLite), divided by the count.
/// </summary>
internal static class ActivationMemory
{
    public static async Task<int> RunAsync(int activations)
    {
        var folder = Directory.CreateTempSubdirectory("orleansshop-bench-memory");
        try
        {
            await using var host = SiloApplication.Create(["--urls", "http://127.0.0.1:0", "--Storage:DataFolder", folder.FullName], builder => builder.Logging.ClearProviders());
            await host.StartAsync();
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            await ActivateAsync(grains, Keys(0, 100)); // the first activations pay for JIT and the store's pool

            // The keys are made during the measurement and kept only by their activations, as a
            // real key (hashed from a request's e-mail) is.
            var before = HeapAfterFullCollection();
            await ActivateAsync(grains, Keys(100, activations));
            var after = HeapAfterFullCollection();
            var perActivation = (after - before) / (double)activations;
            Console.WriteLine(perActivation.ToString("0", CultureInfo.InvariantCulture));
            await host.StopAsync();
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static IEnumerable<string> Keys(int from, int count) =>
        Enumerable.Range(from, count).Select(i => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Buyers.Email(i)))));

    private static async Task ActivateAsync(IGrainFactory grains, IEnumerable<string> keys)
    {
        // Eight at a time: fast enough, and the store's reads stay sequential per connection.
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (key, _) =>
            await grains.GetGrain<IBuyerReputationGrain>(key).GetAsync());
    }

    private static long HeapAfterFullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
