using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using OrleansShop.Silo.Webhooks;
using OrleansShop.Silo.Webhooks.Profiles;
using OrleansShop.Silo.Webhooks.Signatures;

namespace OrleansShop.Microbench;

/// <summary>The first thing an ingest does with a delivery: check its signature over the raw 1.5 KB body.</summary>
[MemoryDiagnoser]
public class WebhookSignatureBenchmarks
{
    private const string Id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    private const string ShopifySecret = "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";

    private readonly byte[] _body = Payloads.StandardOrderCreated;
    private readonly DateTimeOffset _now = DateTimeOffset.FromUnixTimeSeconds(1_714_644_930);
    private string _timestamp = "";
    private string _signature = "";
    private string _shopifySignature = "";

    [GlobalSetup]
    public void Setup()
    {
        _timestamp = _now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        _signature = StandardWebhookSignature.Sign(Payloads.CodShop.Webhooks.Secret, Id, _timestamp, _body);
        _shopifySignature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ShopifySecret), _body));
        Payloads.Check(StandardWebhooksVerify() is null, "the standard signature verifies");
        Payloads.Check(ShopifyBodyHmacVerify() is null, "the Shopify HMAC verifies");
    }

    [Benchmark]
    public SignatureFailure? StandardWebhooksVerify() =>
        StandardWebhookSignature.Verify(Payloads.CodShop.Webhooks.Secret, Id, _timestamp, _signature, _body, _now);

    [Benchmark]
    public SignatureFailure? ShopifyBodyHmacVerify() =>
        BodyHmacSignature.Verify(ShopifySecret, ShopifyProfile.SignatureHeader, _shopifySignature, _body);
}
