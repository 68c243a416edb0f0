using System.Security.Cryptography;
using System.Text;
using OrleansShop.Grains.Privacy;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Webhooks;

namespace OrleansShop.Microbench;

/// <summary>The benchmarks' inputs: the embedded payloads, and fixed keys in place of the cluster's.</summary>
internal static class Payloads
{
    /// <summary>A COD <c>order.created</c> in the standard profile: four lines, both addresses, 1.5 KB.</summary>
    public static byte[] StandardOrderCreated { get; } = Read("standard-order-created.json");

    /// <summary>Shopify's <c>orders/create</c> body for a COD order (the tests' payload, as Shopify sends it: 5 KB).</summary>
    public static byte[] ShopifyOrderCreated { get; } = Read("shopify-cod-order-created.json");

    /// <summary>The standard profile's <c>order.status_changed</c> to shipped, the order's next event.</summary>
    public static byte[] StandardOrderShipped { get; } = """
        {"type":"order.status_changed","data":{"orderId":"SO-2024-000917","status":"shipped","changedAt":"2024-05-03T07:02:11Z"}}
        """u8.ToArray();

    public const string ShopId = "bench";

    /// <summary>A shop that takes cash on delivery, with no SMS confirmation and no integrations.</summary>
    public static ShopSettings CodShop { get; } = new()
    {
        Name = "Bench",
        Webhooks = new WebhookSettings("standard", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
    };

    public static EmailPseudonymizer Pseudonymizer { get; } = new(SHA256.HashData("bench pepper"u8), keyVersion: 1);

    public static EmailSealer Sealer { get; } = new(1, new Dictionary<int, byte[]> { [1] = SHA256.HashData("bench sealing key"u8) });

    public static WebhookRequest Request(byte[] body, params (string Name, string Value)[] headers) =>
        new(headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase), body, "application/json");

    private static byte[] Read(string name)
    {
        using var stream = typeof(Payloads).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The payload {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Throws unless <paramref name="condition"/>: a benchmark must measure the path that succeeds.</summary>
    public static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Benchmark setup: {what}.");
        }
    }

    public static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
