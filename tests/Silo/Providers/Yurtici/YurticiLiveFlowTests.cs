using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using OrleansShop.Grains.Shipping;
using OrleansShop.Tests.Grains.Domain.Shipping;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Providers.Yurtici;
using OrleansShop.Tests.Silo.Webhooks;
using OrleansShop.Tests.Silo.Webhooks.Profiles;
using OrleansShop.Tests.Silo.Webhooks.Signatures;
using static OrleansShop.Tests.Grains.Domain.Shipping.CargoShop;

namespace OrleansShop.Tests.Silo.Providers.Yurtici;

/// <summary>
/// Live mode against Yurtiçi on loopback: createShipment is exactly once whatever the network and the
/// silos do — retries, a timeout that hid a success, a silo killed while its call was in flight —
/// and Yurtiçi's tracking moves the order.
/// </summary>
public sealed class YurticiLiveFlowTests : IAsyncLifetime
{
    private FakeYurtici _yurtici = null!;

    public async Task InitializeAsync() => _yurtici = await FakeYurtici.StartAsync();

    public async Task DisposeAsync() => await _yurtici.DisposeAsync();

    private Dictionary<string, string?> Live => new()
    {
        ["Providers:Mode"] = "live",
        ["Carrier:Yurtici:Endpoint"] = _yurtici.Endpoint.ToString(),
        ["Carrier:Yurtici:Timeout"] = "00:00:00.500",
    };

    private async Task<(ClusterScope Scope, CargoShop Shop)> StartAsync(TimeProvider? clock = null, int silos = 1, bool dispatching = true, object? shopSettings = null)
    {
        var settings = Live;
        settings["Dispatcher:Enabled"] = dispatching ? "true" : "false";
        var scope = await ClusterScope.StartAsync(silos, settings, clock);
        return (scope, await CargoShop.CreateAsync(scope.Cluster.Primary, "kargo", shopSettings));
    }

    private static string CargoKey(string orderId) => ShipmentNames.CargoKey($"kargo/{orderId}");

    private void AssertOneShipment(string orderId)
    {
        Assert.Equal([CargoKey(orderId)], _yurtici.CreatedKeys);
        Assert.All(_yurtici.CreateRequests, r => Assert.Equal(CargoKey(orderId), r.Descendants().First(e => e.Name.LocalName == "cargoKey").Value));
    }

    [Fact]
    public async Task CreateShipment_is_retried_with_one_cargo_key_and_creates_one_shipment()
    {
        var (scope, shop) = await StartAsync();
        await using var _ = scope;
        _yurtici.AnswerNextWith(500, "<html>busy</html>");
        _yurtici.AnswerNextWith(200, "garbage");

        await shop.Webhooks.StandardAsync(Created("6001"));

        await shop.WaitForAsync("6001", o => o.GetProperty("shipment").GetProperty("status").GetString() == "created", "the shipment is created");
        Assert.Equal(3, _yurtici.CreateRequests.Count);
        AssertOneShipment("6001");
        var sent = _yurtici.CreateRequests[0];
        Assert.Equal(("YKTEST", "5321234567", "349.90"), (Field(sent, "wsUserName"), Field(sent, "receiverPhone1"), Field(sent, "ttInvoiceAmount")));
    }

    [Fact]
    public async Task A_cod_order_whose_reference_is_no_number_is_collected_under_one_numeric_document_id_on_every_attempt()
    {
        var (scope, shop) = await StartAsync();
        await using var _ = scope;
        _yurtici.AnswerNextWith(500, "<html>busy</html>");

        await shop.Webhooks.StandardAsync(Created("6008", reference: "TR-6008"));

        await shop.WaitForAsync("6008", o => o.GetProperty("shipment").GetProperty("status").GetString() == "created", "the shipment is created");
        var documentId = ShipmentNames.DocumentId("TR-6008", CargoKey("6008"));
        Assert.Matches("^[1-9][0-9]{11}$", documentId);
        Assert.Equal([documentId, documentId], _yurtici.CreateRequests.Select(r => Field(r, "ttDocumentId")));
        Assert.Equal(documentId, _yurtici.Parcels[CargoKey("6008")].DocumentId);
    }

    [Fact]
    public async Task A_shopify_turkish_address_reaches_Yurtici_with_the_il_as_cityName_and_the_ilce_as_townName()
    {
        var (scope, shop) = await StartAsync(shopSettings: Settings(profile: "shopify"));
        await using var _ = scope;
        var order = JsonEdits.Replace(Deliveries.Payload("shopify-cod-order-created.json"), "shipping_address.city", "\"Kadıköy\"");

        await shop.Webhooks.BodySignedAsync(
            Encoding.UTF8.GetString(order), "X-Shopify-Hmac-Sha256", new Dictionary<string, string> { ["X-Shopify-Topic"] = "orders/create", ["X-Shopify-Event-Id"] = "evt-kadikoy" });

        await shop.WaitForAsync("5897312321811", o => o.GetProperty("shipment").GetProperty("status").GetString() == "created", "the shipment is created");
        var parcel = _yurtici.Parcels[CargoKey("5897312321811")];
        Assert.Equal(("İstanbul", "Kadıköy"), (parcel.CityName, parcel.TownName));
    }

    [Fact]
    public async Task An_address_without_a_region_reaches_Yurtici_with_its_city_as_cityName_and_no_townName()
    {
        var (scope, shop) = await StartAsync();
        await using var _ = scope;

        await shop.Webhooks.StandardAsync(Created("6009"));

        await shop.WaitForAsync("6009", o => o.GetProperty("shipment").GetProperty("status").GetString() == "created", "the shipment is created");
        var parcel = _yurtici.Parcels[CargoKey("6009")];
        Assert.Equal(("İstanbul", null), (parcel.CityName, parcel.TownName));
        Assert.DoesNotContain(_yurtici.CreateRequests.Single().Descendants(), e => e.Name.LocalName == "townName");
    }

    [Fact]
    public async Task A_timeout_that_hid_a_success_is_created_when_the_retry_meets_error_60020()
    {
        var (scope, shop) = await StartAsync();
        await using var _ = scope;
        _yurtici.CreateThenHangNext();

        await shop.Webhooks.StandardAsync(Created("6002"));

        await shop.WaitForAsync("6002", o => o.GetProperty("shipment").GetProperty("status").GetString() == "created", "the shipment is created");
        Assert.Equal(2, _yurtici.CreateRequests.Count);
        AssertOneShipment("6002");
    }

    [Fact]
    public async Task A_silo_killed_while_its_call_is_in_flight_leaves_one_shipment_created_by_another_silo()
    {
        var (scope, shop) = await StartAsync();
        await using var _ = scope;
        _yurtici.CreateThenHang();

        await shop.Webhooks.StandardAsync(Created("6003"));
        await Eventually.TrueAsync(() => _yurtici.CreateRequests.Count > 0, "the call is in flight");
        await scope.Cluster.KillSiloAsync(scope.Cluster.Primary);
        _yurtici.BehaveNormally();
        var survivor = await scope.Cluster.StartSiloAsync();
        using var client = survivor.CreateClient(shop.Shop.DefaultRequestHeaders.Authorization!.Parameter);

        await Eventually.TrueAsync(
            async () => (await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(client, "/v1/shops/kargo/orders/6003")).GetProperty("shipment").GetProperty("status").GetString() == "created",
            "the committed call is delivered by the new silo");
        AssertOneShipment("6003");
    }

    [Fact]
    public async Task A_silo_killed_after_the_commit_and_before_any_call_leaves_one_shipment_created_by_another_silo()
    {
        var (scope, shop) = await StartAsync(dispatching: false); // the silo commits, and delivers nothing
        await using var _ = scope;
        Assert.Equal("Confirmed", (await JsonAsync(await shop.Webhooks.StandardAsync(Created("6006")))).GetProperty("status").GetString());
        Assert.Equal("pending", await shop.ShipmentStatusAsync("6006"));

        await scope.Cluster.KillSiloAsync(scope.Cluster.Primary);
        var survivor = await scope.Cluster.StartSiloAsync(new Dictionary<string, string?> { ["Dispatcher:Enabled"] = "true" });
        using var client = survivor.CreateClient(shop.Shop.DefaultRequestHeaders.Authorization!.Parameter);

        await Eventually.TrueAsync(
            async () => (await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(client, "/v1/shops/kargo/orders/6006")).GetProperty("shipment").GetProperty("status").GetString() == "created",
            "the committed hand-over is delivered by the new silo");
        Assert.Single(_yurtici.CreateRequests);
        AssertOneShipment("6006");
    }

    [Fact]
    public async Task A_shipment_Yurtici_refuses_is_a_dead_letter_and_failed_on_the_order()
    {
        var (scope, shop) = await StartAsync();
        await using var _ = scope;
        _yurtici.AnswerWith(500, FakeYurtici.Fault("Client"));

        await shop.Webhooks.StandardAsync(Created("6007"));

        await shop.WaitForAsync("6007", o => o.GetProperty("shipment").GetProperty("status").GetString() == "failed", "the hand-over fails");
        Assert.Contains("client fault", (await shop.OrderAsync("6007")).GetProperty("shipment").GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single(_yurtici.CreateRequests); // permanent: not retried
        var dead = await shop.Admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/admin/deliveries?state=dead");
        Assert.Contains("createShipment", dead.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Yurticis_tracking_maps_delivered_and_refused_to_order_states_and_reputation_outcomes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var start = clock.GetUtcNow();
        var (scope, shop) = await StartAsync(clock);
        await using var _ = scope;
        await shop.Webhooks.StandardAsync(Created("6004"));
        await shop.Webhooks.StandardAsync(Created("6005"));
        await shop.WaitForAsync("6005", o => o.GetProperty("shipment").GetProperty("status").GetString() == "created", "the shipments are created");
        await shop.WaitForAsync("6004", o => o.GetProperty("shipment").GetProperty("status").GetString() == "created", "the shipments are created");
        _yurtici.Track(CargoKey("6004"), 5, "400100000001");
        _yurtici.Track(CargoKey("6005"), 5, "400100000002", rejectStatus: "10", rejectReason: "Alıcı Kabul Etmedi");

        clock.Advance(ShipmentNames.PollInterval);

        static bool Reported(System.Text.Json.JsonElement order) => order.GetProperty("reputationReport").GetProperty("status").GetString() == "reported";
        await Eventually.TrueAsync(async () =>
        {
            // Time goes on: a poll reminder that the silo owning it loaded from the table after the
            // jump ticks at its next period (Orleans replays no missed tick). A final shipment polls no more.
            clock.Advance(TimeSpan.FromSeconds(1));
            return Reported(await shop.OrderAsync("6004")) && Reported(await shop.OrderAsync("6005"));
        }, "the delivered and the refused order are reported", TimeSpan.FromSeconds(60));
        var delivered = await shop.OrderAsync("6004");
        var refused = await shop.OrderAsync("6005");
        Assert.Equal(("Paid", "collected", "400100000001"), (delivered.GetProperty("status").GetString(), delivered.GetProperty("reputationReport").GetProperty("outcome").GetString(), delivered.GetProperty("shipment").GetProperty("trackingCode").GetString()));
        Assert.Equal(("NotCollected", "not_collected", "Alıcı Kabul Etmedi"), (refused.GetProperty("status").GetString(), refused.GetProperty("reputationReport").GetProperty("outcome").GetString(), refused.GetProperty("shipment").GetProperty("detail").GetString()));
        // Each key polled, and no more than once per poll interval of the time that went by.
        var polls = _yurtici.QueryRequests.GroupBy(q => Field(q, "cargoKey") ?? Field(q, "keys")).ToDictionary(g => g.Key ?? string.Empty, g => g.Count());
        var intervals = (int)((clock.GetUtcNow() - start) / ShipmentNames.PollInterval);
        Assert.All(new[] { CargoKey("6004"), CargoKey("6005") }, key => Assert.InRange(polls.GetValueOrDefault(key), 1, intervals));
    }

    private static string? Field(System.Xml.Linq.XElement operation, string name) => operation.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
}
