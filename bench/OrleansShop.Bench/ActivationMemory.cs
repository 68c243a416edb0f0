using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Orleans;
using OrleansShop.Grains.Reputation;
using OrleansShop.Silo.Hosting;

namespace OrleansShop.Bench;

/// <summary>
/// Bytes per idle e-mail-reputation activation, and per bare Orleans activation with the same kind
/// of key, in the same silo: the managed heap after a full, compacting collection, before and after
/// activating that many grains (keys shaped like real e-mail hashes, 64 hex characters) on a silo of
/// the embedded default (Orleans on SQLite), divided by the count. The bare grains
/// (<see cref="BareGrain"/>: no state, one constant method) are measured first and stay active, so
/// the buyers' growth pays the silo's second round of directory growth, not the first. Prints
/// <c>{buyer bytes} {bare bytes}</c> as its last line.
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
            // The first activations of each pay for JIT and the store's pool.
            await ActivateAsync(Keys(0, 100), key => grains.GetGrain<IBareGrain>(key).GetAsync());
            await ActivateAsync(Keys(0, 100), key => grains.GetGrain<IBuyerReputationGrain>(key).GetAsync());

            // The keys are made during the measurement and kept only by their activations, as a
            // real key (hashed from a request's e-mail) is. Both kinds get the same keys: grain ids
            // differ by type, so they are distinct activations.
            var bare = await BytesPerActivationAsync(activations, key => grains.GetGrain<IBareGrain>(key).GetAsync());
            var buyer = await BytesPerActivationAsync(activations, key => grains.GetGrain<IBuyerReputationGrain>(key).GetAsync());
            Console.Error.WriteLine($"idle buyer-reputation activation: {Format(buyer)} bytes; bare activation: {Format(bare)} bytes (of {activations})");
            Console.WriteLine($"{Format(buyer)} {Format(bare)}");
            await host.StopAsync();
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<double> BytesPerActivationAsync<T>(int activations, Func<string, Task<T>> activate)
    {
        var before = HeapAfterFullCollection();
        await ActivateAsync(Keys(100, activations), activate);
        var after = HeapAfterFullCollection();
        return (after - before) / (double)activations;
    }

    private static string Format(double bytes) => bytes.ToString("0", CultureInfo.InvariantCulture);

    private static IEnumerable<string> Keys(int from, int count) =>
        Enumerable.Range(from, count).Select(i => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Buyers.Email(i)))));

    private static async Task ActivateAsync<T>(IEnumerable<string> keys, Func<string, Task<T>> activate)
    {
        // Eight at a time: fast enough, and the store's reads stay sequential per connection.
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (key, _) => await activate(key));
    }

    private static long HeapAfterFullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
