using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OrleansShop.Grains.Sandbox;
using OrleansShop.Grains.Shipping;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using static OrleansShop.Tests.Grains.Domain.Shipping.CargoShop;

namespace OrleansShop.Tests.Grains.Domain.Shipping;

/// <summary>
/// Orders handed to the sandbox carrier, whose parcels move on a clock the test controls: one
/// parcel per order, tracking at most once a minute, the order following the parcel, and each buyer SMS once.
/// </summary>
public sealed class SandboxCarrierFlowTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static async Task<(ClusterScope Scope, FakeTimeProvider Clock, CargoShop Shop)> StartAsync(object? settings = null)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow); // signed webhooks carry the real time
        var scope = await ClusterScope.StartAsync(silos: 1, timeProvider: clock);
        return (scope, clock, await CargoShop.CreateAsync(scope.Cluster.Primary, "kargo", settings));
    }

    /// <summary>Moves the clock on by <paramref name="by"/> and waits until the parcel has been asked about since.</summary>
    private static async Task AdvanceAndTrackAsync(FakeTimeProvider clock, CargoShop shop, TimeSpan by)
    {
        var before = (await shop.ParcelsAsync()).Sum(p => p.GetProperty("queriedAt").GetArrayLength());
        clock.Advance(by);
        await Eventually.TrueAsync(async () => (await shop.ParcelsAsync()).Sum(p => p.GetProperty("queriedAt").GetArrayLength()) > before, "the parcel is tracked");
    }

    private static IReadOnlyList<JsonElement> Texts(IReadOnlyList<JsonElement> sms, string purpose) =>
        [.. sms.Where(m => m.GetProperty("purpose").GetString() == purpose)];

    [Fact]
    public async Task A_confirmed_cod_order_is_handed_over_once_and_its_delivery_means_paid_and_collected()
    {
        var (scope, clock, shop) = await StartAsync();
        await using var _ = scope;

        var created = await JsonAsync(await shop.Webhooks.StandardAsync(Created("5001")));
        Assert.Equal("Confirmed", created.GetProperty("status").GetString());
        await shop.WaitForAsync("5001", o => o.GetProperty("shipment").GetProperty("status").GetString() == "created", "the shipment is created");
        var parcel = Assert.Single(await shop.ParcelsAsync());
        Assert.Equal(("kargo", "5001", "Ayşe Yılmaz"), (parcel.GetProperty("shopId").GetString(), parcel.GetProperty("orderId").GetString(), parcel.GetProperty("receiverName").GetString()));
        Assert.Equal(("349.90", "TRY", "cash"), (parcel.GetProperty("cod").GetProperty("amount").GetString(), parcel.GetProperty("cod").GetProperty("currency").GetString(), parcel.GetProperty("cod").GetProperty("collectionType").GetString()));
        Assert.InRange(parcel.GetProperty("cargoKey").GetString()!.Length, 1, 20);

        await AdvanceAndTrackAsync(clock, shop, SandboxCarrierGrain.InTransitAfter + Minute);
        await shop.WaitForAsync("5001", o => o.GetProperty("status").GetString() == "Shipped", "the order is shipped");
        var trackingCode = (await shop.OrderAsync("5001")).GetProperty("shipment").GetProperty("trackingCode").GetString();
        Assert.Equal(parcel.GetProperty("trackingCode").GetString(), trackingCode);
        await Eventually.TrueAsync(async () => Texts(await shop.SmsAsync(), "shipped").Count == 1, "the buyer is told the parcel is on its way");
        var shipped = Assert.Single(Texts(await shop.SmsAsync(), "shipped"));
        Assert.Equal("+905321234567", shipped.GetProperty("to").GetString());
        Assert.Equal($"Sn. Ayşe Yılmaz, 5001 siparisiniz kargoda: {trackingCode} https://sandbox.orleansshop.invalid/track/{trackingCode}", shipped.GetProperty("text").GetString());

        await AdvanceAndTrackAsync(clock, shop, SandboxCarrierGrain.DeliveredAfter);
        await shop.WaitForAsync("5001", o => o.GetProperty("status").GetString() == "Paid", "delivery collects the COD amount");
        await shop.WaitForAsync("5001", o => o.GetProperty("reputationReport").GetProperty("status").GetString() == "reported", "the outcome reaches the network");
        var order = await shop.OrderAsync("5001");
        Assert.Equal("collected", order.GetProperty("reputationReport").GetProperty("outcome").GetString());
        Assert.Equal("delivered", order.GetProperty("shipment").GetProperty("status").GetString());
        await Eventually.TrueAsync(async () => Texts(await shop.SmsAsync(), "delivered").Count == 1, "the buyer is told it was delivered");
        Assert.Equal("Sn. Ayşe Yılmaz, 5001 siparisiniz teslim edildi.", Texts(await shop.SmsAsync(), "delivered")[0].GetProperty("text").GetString());

        // Nothing more happens after the end: no more polls, no more texts, still one parcel.
        var queries = (await shop.ParcelsAsync())[0].GetProperty("queriedAt").GetArrayLength();
        clock.Advance(TimeSpan.FromMinutes(5));
        await scope.Database.UntilEffectsSettledAsync();
        Assert.Equal(queries, (await shop.ParcelsAsync())[0].GetProperty("queriedAt").GetArrayLength());
        Assert.Equal(2, (await shop.SmsAsync()).Count);
        Assert.Single(await shop.ParcelsAsync());
        Assert.DoesNotContain("5321234567", await scope.Database.ScalarAsync<string>("SELECT payload FROM " + TestDatabase.GrainStates + " WHERE grain_type = 'shipment'"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_parcel_makes_the_cod_order_not_collected_with_the_reason_and_reports_it()
    {
        var (scope, clock, shop) = await StartAsync();
        await using var _ = scope;
        await shop.Webhooks.StandardAsync(Created("5002"));
        await shop.WaitForAsync("5002", o => o.GetProperty("shipment").GetProperty("status").GetString() == "created", "the shipment is created");
        var cargoKey = (await shop.ParcelsAsync())[0].GetProperty("cargoKey").GetString();

        var refused = await shop.Admin.PostAsJsonAsync($"/v1/sandbox/shipments/{cargoKey}/refuse", new { reason = "Alıcı Kabul Etmedi" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        await AdvanceAndTrackAsync(clock, shop, Minute);

        await shop.WaitForAsync("5002", o => o.GetProperty("reputationReport").GetProperty("status").GetString() == "reported", "the outcome reaches the network");
        var order = await shop.OrderAsync("5002");
        Assert.Equal("NotCollected", order.GetProperty("status").GetString());
        Assert.Equal("not_collected", order.GetProperty("reputationReport").GetProperty("outcome").GetString());
        Assert.Equal(("returned", "Alıcı Kabul Etmedi"), (order.GetProperty("shipment").GetProperty("status").GetString(), order.GetProperty("shipment").GetProperty("detail").GetString()));
        Assert.Contains(order.GetProperty("history").EnumerateArray(), h => h.GetProperty("event").GetString() == "shipment.updated" && h.GetProperty("reason").GetString() == "Alıcı Kabul Etmedi");
        Assert.Empty(Texts(await shop.SmsAsync(), "delivered"));
        Assert.Equal(HttpStatusCode.BadRequest, (await shop.Admin.PostAsJsonAsync($"/v1/sandbox/shipments/{cargoKey}/refuse", new { reason = " " })).StatusCode);
    }

    [Fact]
    public async Task A_paid_prepaid_order_is_handed_over_without_collection_and_its_delivery_closes_it()
    {
        var (scope, clock, shop) = await StartAsync();
        await using var _ = scope;
        await shop.Webhooks.StandardAsync(Created("5003", paymentMethod: "card"));
        await scope.Database.UntilEffectsSettledAsync();
        Assert.Empty(await shop.ParcelsAsync()); // not before it is paid

        await shop.Iyzico.DirectAsync("5003");
        await shop.WaitForAsync("5003", o => o.GetProperty("shipment").GetProperty("status").GetString() == "created", "the shipment is created");
        var parcel = Assert.Single(await shop.ParcelsAsync());
        Assert.Equal(JsonValueKind.Null, parcel.GetProperty("cod").ValueKind);

        await AdvanceAndTrackAsync(clock, shop, SandboxCarrierGrain.DeliveredAfter + Minute);
        await shop.WaitForAsync("5003", o => o.GetProperty("status").GetString() == "Closed", "delivery closes a prepaid order");
        Assert.Equal("none", (await shop.OrderAsync("5003")).GetProperty("reputationReport").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Tracking_polls_each_cargo_key_at_most_once_a_minute()
    {
        var (scope, clock, shop) = await StartAsync();
        await using var _ = scope;
        await shop.Webhooks.StandardAsync(Created("5004"));
        await shop.Webhooks.StandardAsync(Created("5005"));
        await Eventually.TrueAsync(async () => (await shop.ParcelsAsync()).Count == 2, "both shipments are created");
        await scope.Database.UntilEffectsSettledAsync(); // the carrier's answers are in: each shipment's poll reminder is registered
        var created = clock.GetUtcNow(); // the clock has stood still since: the reminders tick at each whole minute from now

        for (var step = 0; step < 16; step++)
        {
            clock.Advance(TimeSpan.FromSeconds(20));

            // At each whole minute each parcel is asked about; the answer coming back before the clock
            // moves on keeps the next poll a minute later rather than at the tick after.
            var minutes = (int)((clock.GetUtcNow() - created) / Minute);
            await Eventually.TrueAsync(async () => (await shop.ParcelsAsync()).All(p => p.GetProperty("queriedAt").GetArrayLength() >= minutes), $"both parcels are tracked in minute {minutes}");
            await scope.Database.UntilEffectsSettledAsync();
        }

        foreach (var parcel in await shop.ParcelsAsync())
        {
            var times = parcel.GetProperty("queriedAt").EnumerateArray().Select(t => t.GetDateTimeOffset()).ToList();
            Assert.Equal(5, times.Count); // 5 minutes 20 seconds of clock: polled each minute, and never more often
            Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= Minute, $"queried at {pair.First:O} and again at {pair.Second:O}"));
        }
    }

    [Fact]
    public async Task Each_buyer_text_is_sent_once_across_a_silo_restart()
    {
        var (scope, clock, shop) = await StartAsync();
        await using var _ = scope;
        await shop.Webhooks.StandardAsync(Created("5006"));
        await shop.WaitForAsync("5006", o => o.GetProperty("shipment").GetProperty("status").GetString() == "created", "the shipment is created");
        await AdvanceAndTrackAsync(clock, shop, SandboxCarrierGrain.InTransitAfter + Minute);
        await Eventually.TrueAsync(async () => Texts(await shop.SmsAsync(), "shipped").Count == 1, "the shipped text is sent");

        await scope.Cluster.KillSiloAsync(scope.Cluster.Primary);
        var restarted = await CargoShopOn(scope, shop);
        await AdvanceAndTrackAsync(clock, restarted, SandboxCarrierGrain.DeliveredAfter);

        await Eventually.TrueAsync(async () =>
        {
            clock.Advance(ShipmentNames.PollInterval); // time goes on: a poll reminder the new silo loaded after the jump ticks at its next period
            return await restarted.StatusAsync("5006") == "Paid";
        }, "delivered after the restart", TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(async () => Texts(await restarted.SmsAsync(), "delivered").Count == 1, "the delivered text is sent");

        // A text the killed silo sent without writing down that it had is sent again by its grain's
        // next activation or re-drive reminder: once nothing is left to send, a duplicate would show.
        await scope.Database.UntilEffectsSettledAsync(beforeEachLook: () => clock.Advance(TimeSpan.FromSeconds(1)), within: TimeSpan.FromSeconds(60));
        var sms = await restarted.SmsAsync();
        Assert.Equal((1, 1, 2), (Texts(sms, "shipped").Count, Texts(sms, "delivered").Count, sms.Count));
        Assert.Single(await restarted.ParcelsAsync());
    }

    [Fact]
    public async Task A_shop_that_does_not_ship_through_OrleansShop_hands_nothing_over()
    {
        var (scope, _, shop) = await StartAsync(Settings(shipping: false));
        await using var __ = scope;

        await shop.Webhooks.StandardAsync(Created("5007"));
        await scope.Database.UntilEffectsSettledAsync();

        Assert.Empty(await shop.ParcelsAsync());
        Assert.Equal("none", await shop.ShipmentStatusAsync("5007"));
    }

    [Fact]
    public async Task Shipping_settings_are_validated_field_by_field_and_shown_without_credentials()
    {
        var (scope, _, shop) = await StartAsync();
        await using var __ = scope;

        var bad = await shop.Admin.PutAsJsonAsync("/v1/shops/bad", new
        {
            name = "Bad",
            webhooks = new { profile = "standard", secret = SignedPoster.StandardSecret },
            shipping = new { enabled = true, carrier = "ups", codCollectionType = "cheque", handedOverText = "" },
            payments = new { iyzico = new { secretKey = 42 } },
        });
        var view = await shop.Admin.GetStringAsync("/v1/shops/kargo");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await JsonAsync(bad)).GetProperty("errors");
        foreach (var field in new[] { "shipping.carrier", "shipping.codCollectionType", "shipping.handedOverText", "payments.iyzico.secretKey" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }

        Assert.Contains("\"handedOverText\"", view, StringComparison.Ordinal);
        Assert.DoesNotContain(IyzicoSecret, view, StringComparison.Ordinal);
        Assert.DoesNotContain("wsPassword", view, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_iyzico_and_sandbox_shipment_routes()
    {
        var (scope, _, shop) = await StartAsync();
        await using var __ = scope;

        var document = await shop.Admin.GetStringAsync("/openapi/v1.json");

        foreach (var route in new[] { "/v1/shops/{shopId}/payments/iyzico", "/v1/sandbox/shipments", "/v1/sandbox/shipments/{cargoKey}/refuse" })
        {
            Assert.Contains($"\"{route}\"", document, StringComparison.Ordinal);
        }
    }

    private const string IyzicoSecret = Silo.Webhooks.Iyzico.IyzicoPoster.SecretKey;

    private static async Task<CargoShop> CargoShopOn(ClusterScope scope, CargoShop shop)
    {
        var silo = await scope.Cluster.StartSiloAsync();
        var key = shop.Shop.DefaultRequestHeaders.Authorization!.Parameter;
        var anonymous = silo.CreateClient(bearer: null);
        return shop with
        {
            Admin = silo.CreateClient(),
            Shop = silo.CreateClient(key),
            Webhooks = new SignedPoster(anonymous, shop.ShopId, SignedPoster.StandardSecret),
            Iyzico = new Silo.Webhooks.Iyzico.IyzicoPoster(anonymous, shop.ShopId, IyzicoSecret),
        };
    }
}
