using BenchmarkDotNet.Attributes;
using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Privacy;

namespace OrleansShop.Microbench;

/// <summary>
/// The buyer's address at the edge: its keyed hash (every ingest and every checkout lookup) and,
/// on an ingest, its seal for the providers that need it later.
/// </summary>
[MemoryDiagnoser]
public class PrivacyBenchmarks
{
    private const string Email = "Ayse.Yilmaz+orders@example.com";
    private readonly EmailPseudonymizer _pseudonymizer = Payloads.Pseudonymizer;
    private readonly EmailSealer _sealer = Payloads.Sealer;
    private readonly string _context = OrderKeys.SealingContext(Payloads.ShopId, "SO-2024-000917");

    [Benchmark]
    public EmailPseudonym Pseudonymize() => _pseudonymizer.Pseudonymize(Email);

    [Benchmark]
    public string Seal() => _sealer.Seal(Email, _context);
}
