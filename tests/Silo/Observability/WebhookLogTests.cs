using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Tests.Grains.Domain.Shops;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Shops;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Silo.Observability;

/// <summary>The shop's delivery log: every delivery its address received, accepted or refused, as metadata, kept for its retention.</summary>
public sealed class WebhookLogTests : IAsyncLifetime
{
    private ClusterScope _scope = null!;

    public async Task InitializeAsync() => _scope = await ClusterScope.StartAsync(silos: 1);

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    private async Task<(HttpClient Shop, SignedPoster Poster)> ShopAsync(string shopId)
    {
        using var admin = _scope.Cluster.Primary.CreateClient();
        var created = await admin.PutAsJsonAsync($"/v1/shops/{shopId}", ShopsApiTests.Shop());
        var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("apiKey").GetString();
        return (_scope.Cluster.Primary.CreateClient(key), new SignedPoster(_scope.Cluster.Primary.CreateClient(bearer: null), shopId, SignedPoster.StandardSecret));
    }

    [Fact]
    public async Task Accepted_and_refused_deliveries_are_listed_newest_first_with_their_outcome_reason_and_event_but_never_their_body()
    {
        var (shop, poster) = await ShopAsync("logged");
        await poster.StandardAsync(SignedPoster.Created("l-1", paymentMethod: "card"), messageId: "msg_accepted");
        var forged = new SignedPoster(_scope.Cluster.Primary.CreateClient(bearer: null), "logged", "whsec_" + Convert.ToBase64String(new byte[32]));
        await forged.StandardAsync(SignedPoster.Created("l-2", email: "forger.body@example.com"), messageId: "msg_forged");
        await poster.StandardAsync(SignedPoster.Created("l-1", paymentMethod: "card"), messageId: "msg_accepted");

        JsonElement[] items = [];
        await Eventually.TrueAsync(
            async () => (items = [.. (await shop.GetFromJsonAsync<JsonElement>("/v1/shops/logged/webhook-deliveries")).GetProperty("items").EnumerateArray()]).Length == 3,
            "the three deliveries are logged");
        var text = JsonSerializer.Serialize(items);

        Assert.Equal(["duplicate", "refused", "applied"], items.Select(i => i.GetProperty("outcome").GetString()));
        Assert.Equal([200, 401, 200], items.Select(i => i.GetProperty("status").GetInt32()));
        Assert.Equal("msg_accepted", items[2].GetProperty("eventId").GetString());
        Assert.Contains("signature", items[1].GetProperty("reason").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.All(items, i => Assert.Equal("standard", i.GetProperty("profile").GetString()));
        Assert.All(items, i => Assert.True(i.GetProperty("size").GetInt64() > 0));
        Assert.DoesNotContain("forger.body", text, StringComparison.Ordinal);
        var refused = await shop.GetFromJsonAsync<JsonElement>("/v1/shops/logged/webhook-deliveries?outcome=refused");
        var only = Assert.Single(refused.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, only.GetProperty("eventId").ValueKind); // a forged delivery's id is not taken on trust
    }

    [Fact]
    public async Task A_shop_sees_only_its_own_log_and_pages_through_it()
    {
        var (shop, poster) = await ShopAsync("paged");
        var (other, _) = await ShopAsync("other-logged");
        for (var i = 0; i < 3; i++)
        {
            await poster.StandardAsync(SignedPoster.Created($"p-{i}", paymentMethod: "card"));
        }

        await Eventually.TrueAsync(async () => (await shop.GetFromJsonAsync<JsonElement>("/v1/shops/paged/webhook-deliveries")).GetProperty("items").GetArrayLength() == 3, "logged");
        var first = await shop.GetFromJsonAsync<JsonElement>("/v1/shops/paged/webhook-deliveries?limit=2");
        var second = await shop.GetFromJsonAsync<JsonElement>($"/v1/shops/paged/webhook-deliveries?limit=2&after={first.GetProperty("next").GetInt64()}");

        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(1, second.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/v1/shops/paged/webhook-deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await shop.GetAsync("/v1/shops/paged/webhook-deliveries?outcome=sideways")).StatusCode);
    }
}

/// <summary>The delivery log's retention: receipts past it are deleted by every silo's pruner.</summary>
public sealed class WebhookLogRetentionTests : IAsyncLifetime
{
    private ClusterScope _scope = null!;

    public async Task InitializeAsync() => _scope = await ClusterScope.StartAsync(silos: 1, settings: new Dictionary<string, string?>
    {
        ["WebhookLog:Retention"] = "00:00:03",
        ["WebhookLog:PruneInterval"] = "00:00:00.200",
    });

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    [Fact]
    public async Task Receipts_older_than_the_retention_are_pruned()
    {
        using var admin = _scope.Cluster.Primary.CreateClient();
        await admin.PutAsJsonAsync("/v1/shops/pruned", ShopsApiTests.Shop());
        var poster = new SignedPoster(_scope.Cluster.Primary.CreateClient(bearer: null), "pruned", SignedPoster.StandardSecret);
        await poster.StandardAsync(SignedPoster.Created("old", paymentMethod: "card"));
        await Eventually.TrueAsync(async () => (await admin.GetFromJsonAsync<JsonElement>("/v1/shops/pruned/webhook-deliveries")).GetProperty("items").GetArrayLength() == 1, "logged");

        await Eventually.TrueAsync(async () => (await admin.GetFromJsonAsync<JsonElement>("/v1/shops/pruned/webhook-deliveries")).GetProperty("items").GetArrayLength() == 0, "pruned after its three seconds");
    }
}
