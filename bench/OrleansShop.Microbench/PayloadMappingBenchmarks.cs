using BenchmarkDotNet.Attributes;
using OrleansShop.Silo.Webhooks;
using OrleansShop.Silo.Webhooks.Profiles;

namespace OrleansShop.Microbench;

/// <summary>A verified delivery's body read into the canonical event, by the profile the shop names.</summary>
[MemoryDiagnoser]
public class PayloadMappingBenchmarks
{
    private readonly IWebhookProfile _standard = WebhookProfiles.Find(WebhookProfileNames.Standard)!;
    private readonly IWebhookProfile _shopify = WebhookProfiles.Find(WebhookProfileNames.Shopify)!;

    private readonly WebhookRequest _standardRequest = Payloads.Request(
        Payloads.StandardOrderCreated, ("webhook-id", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"));

    private readonly WebhookRequest _shopifyRequest = Payloads.Request(
        Payloads.ShopifyOrderCreated,
        (ShopifyProfile.TopicHeader, "orders/create"),
        (ShopifyProfile.EventIdHeader, "98880550-7158-44d4-b7cd-2c97c8a091b5"));

    [GlobalSetup]
    public void Setup()
    {
        Payloads.Check(StandardOrderCreated().Event is OrderCreated { Lines.Count: 4 }, "the standard payload maps to order.created with its four lines");
        Payloads.Check(ShopifyOrderCreated().Event is OrderCreated { Lines.Count: 2 }, "the Shopify payload maps to order.created with its two lines");
    }

    /// <summary>The 1.5 KB standard <c>order.created</c>.</summary>
    [Benchmark]
    public MappedDelivery StandardOrderCreated() => _standard.Map(_standardRequest);

    /// <summary>Shopify's 5 KB <c>orders/create</c> (Shopify sends the whole order).</summary>
    [Benchmark]
    public MappedDelivery ShopifyOrderCreated() => _shopify.Map(_shopifyRequest);
}
