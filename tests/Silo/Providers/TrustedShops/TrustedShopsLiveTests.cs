using System.Text.Json;
using System.Xml.Linq;
using OrleansShop.Tests.Grains.Domain.Reviews;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.Silo.Providers.TrustedShops;

namespace OrleansShop.Tests.Silo.Providers.TrustedShops;

/// <summary>Providers:Mode=live: the connector opens the sealed address and calls the shop's eTrusted client and protection user.</summary>
public sealed class TrustedShopsLiveTests : IAsyncLifetime
{
    private FakeETrusted _etrusted = null!;
    private FakeProtectionService _protection = null!;
    private FakeTrustedShopsAdmin _admin = null!;

    public async Task InitializeAsync()
    {
        _etrusted = await FakeETrusted.StartAsync();
        _protection = await FakeProtectionService.StartAsync();
        _admin = await FakeTrustedShopsAdmin.StartAsync();
        _admin.Register(ReviewShop.Tsid);
    }

    public async Task DisposeAsync()
    {
        await _etrusted.DisposeAsync();
        await _protection.DisposeAsync();
        await _admin.DisposeAsync();
    }

    private Task<ClusterScope> LiveClusterAsync() => ClusterScope.StartAsync(silos: 1, settings: new Dictionary<string, string?>
    {
        ["Providers:Mode"] = "live",
        ["TrustedShops:LoginAddress"] = _etrusted.BaseAddress.ToString(),
        ["TrustedShops:ApiAddress"] = _etrusted.BaseAddress.ToString(),
        ["TrustedShops:ProtectionAddress"] = new Uri(_protection.BaseAddress, "ts/protectionservices/ApplicationRequestService").ToString(),
        ["TrustedShops:AdminAddress"] = _admin.ServiceAddress.ToString(),
    });

    [Fact]
    public async Task A_failing_etrusted_is_retried_and_the_buyer_invited_once_with_the_unsealed_address()
    {
        await using var scope = await LiveClusterAsync();
        var shop = await ReviewShop.CreateAsync(scope.Cluster.Primary);
        _etrusted.AnswerNextEventWith(503, """{"Message":"Service unavailable"}""");

        await shop.SendAsync(ReviewShop.Created("3001"));
        await shop.SendAsync(SignedPoster.Status("3001", "closed"));

        await Eventually.TrueAsync(async () => await shop.ReviewStatusAsync("3001") == "invited", "the buyer is invited after a retry");
        Assert.Equal("evt-1", (await shop.OrderAsync("3001")).GetProperty("review").GetProperty("eventRef").GetString());
        Assert.Equal(2, _etrusted.EventRequests.Count);
        Assert.Single(_etrusted.TokenRequests);
        using var body = JsonDocument.Parse(_etrusted.EventRequests[^1].Body);
        Assert.Equal("Jane.Saoirse+shop@gmail.com", body.RootElement.GetProperty("customer").GetProperty("email").GetString());
        Assert.Equal(("3001", TrustedShopsTesting.ChannelId), (body.RootElement.GetProperty("transaction").GetProperty("reference").GetString(), body.RootElement.GetProperty("channel").GetProperty("id").GetString()));
    }

    [Fact]
    public async Task The_invitation_is_an_event_of_the_shops_etrusted_event_type_and_delivery_when_it_set_none()
    {
        await using var scope = await LiveClusterAsync();
        var unset = await ReviewShop.CreateAsync(scope.Cluster.Primary, shopId: "unset");
        var configured = await ReviewShop.CreateAsync(scope.Cluster.Primary, shopId: "configured", eventType: "order-delivered");

        await unset.SendAsync(ReviewShop.Created("3101"));
        await unset.SendAsync(ReviewShop.Shipment("3101", "delivered"));
        await Eventually.TrueAsync(async () => await unset.ReviewStatusAsync("3101") == "invited", "the first shop's buyer is invited");
        await configured.SendAsync(ReviewShop.Created("3102"));
        await configured.SendAsync(ReviewShop.Shipment("3102", "delivered"));
        await Eventually.TrueAsync(async () => await configured.ReviewStatusAsync("3102") == "invited", "the second shop's buyer is invited");

        Assert.Equal(["delivery", "order-delivered"], _etrusted.EventTypes);
    }

    [Fact]
    public async Task An_order_keeps_the_event_type_the_shop_had_when_it_arrived()
    {
        await using var scope = await LiveClusterAsync();
        var shop = await ReviewShop.CreateAsync(scope.Cluster.Primary, eventType: "order-delivered");
        await shop.SendAsync(ReviewShop.Created("3103"));
        await shop.ConfigureAsync(eventType: "delivery");

        await shop.SendAsync(ReviewShop.Shipment("3103", "delivered"));

        await Eventually.TrueAsync(async () => await shop.ReviewStatusAsync("3103") == "invited", "the buyer is invited");
        Assert.Equal(["order-delivered"], _etrusted.EventTypes);
        await shop.SendAsync(ReviewShop.Created("3104"));
        await shop.SendAsync(ReviewShop.Shipment("3104", "delivered"));
        await Eventually.TrueAsync(async () => await shop.ReviewStatusAsync("3104") == "invited", "a buyer of a later order is invited");
        Assert.Equal(["order-delivered", "delivery"], _etrusted.EventTypes); // it arrived after the change
    }

    [Fact]
    public async Task A_refused_invitation_shows_the_review_failed_with_etrusteds_reason()
    {
        await using var scope = await LiveClusterAsync();
        var shop = await ReviewShop.CreateAsync(scope.Cluster.Primary);
        _etrusted.AnswerEventsWith(400, """{"Message":"Channel does not exist"}""");

        await shop.SendAsync(ReviewShop.Created("3002"));
        await shop.SendAsync(ReviewShop.Shipment("3002", "delivered"));

        await Eventually.TrueAsync(async () => await shop.ReviewStatusAsync("3002") == "failed", "the review is failed");
        Assert.Equal("eTrusted answered 400: Channel does not exist", (await shop.OrderAsync("3002")).GetProperty("review").GetProperty("detail").GetString());
        Assert.Single(_etrusted.EventRequests);
    }

    [Fact]
    public async Task An_excellence_protection_is_registered_with_the_shops_protection_user_and_its_number_stored()
    {
        await using var scope = await LiveClusterAsync();
        var shop = await ReviewShop.CreateAsync(scope.Cluster.Primary, model: "excellence");

        await shop.SendAsync(ReviewShop.Created("3003", skus: ["SKU-1", ReviewShop.ProtectionLine]));

        await Eventually.TrueAsync(async () => (await shop.OrderAsync("3003")).GetProperty("protection").GetProperty("status").GetString() == "registered", "the protection is registered");
        Assert.Equal("4711001", (await shop.OrderAsync("3003")).GetProperty("protection").GetProperty("number").GetString());
        var request = XDocument.Parse(Assert.Single(_protection.Received).BodyText).Descendants().ToDictionary(e => e.Name.LocalName, e => e.Value);
        Assert.Equal((ReviewShop.Tsid, ReviewShop.ProtectionLine, "Jane.Saoirse+shop@gmail.com", "CREDIT_CARD"), (request["tsId"], request["tsProductId"], request["buyerEmail"], request["paymentType"]));
        Assert.Equal((TrustedShopsTesting.ProtectionUser, TrustedShopsTesting.ProtectionPassword, "3003"), (request["wsUser"], request["wsPassword"], request["shopOrderID"]));
    }
}
