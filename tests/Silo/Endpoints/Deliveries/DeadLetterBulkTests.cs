using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Tests.Grains.Domain.Invoicing;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Connectors;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.Silo.Providers.Szamlahegy;
using static OrleansShop.Tests.Grains.Domain.Invoicing.InvoicingTesting;

namespace OrleansShop.Tests.Silo.Endpoints.Deliveries;

/// <summary>
/// Dead letters in bulk: counted with a filter, then replayed or discarded all at once with that
/// count as the confirmation; a shop sees and replays its own only.
/// </summary>
public sealed class DeadLetterBulkTests(OneSilo silo) : IClassFixture<OneSilo>
{
    private ClusterScope Scope => silo.Scope;

    /// <summary>A shop whose invoice callbacks its site refuses for good: each paid order leaves one dead letter.</summary>
    private async Task<(HttpClient Admin, HttpClient Shop, FakeShopCallbacks Site)> RefusingShopAsync(string shopId, int orders)
    {
        var site = await FakeShopCallbacks.StartAsync();
        site.AnswerWith(410, "gone");
        var (admin, shop, post) = await ShopAsync(Scope.Cluster.Primary, shopId, Shop(callbackUrl: site.Url.AbsoluteUri));
        for (var i = 1; i <= orders; i++)
        {
            await post.StandardAsync(Created($"{shopId}-{i}"));
            await post.StandardAsync(SignedPoster.Status($"{shopId}-{i}", "paid"));
        }

        await UntilAsync(async () => await CountAsync(admin, $"/v1/admin/deliveries/count?state=dead&shop={shopId}") == orders, $"{shopId} has {orders} dead letters");
        return (admin, shop, site);
    }

    private static async Task<long> CountAsync(HttpClient client, string path) =>
        (await client.GetFromJsonAsync<JsonElement>(path)).GetProperty("count").GetInt64();

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Replaying_what_a_shop_filter_matches_delivers_each_dead_letter_once_and_leaves_other_shops_alone()
    {
        var (admin, _, site) = await RefusingShopAsync("bulk-a", orders: 3);
        var (_, _, otherSite) = await RefusingShopAsync("bulk-b", orders: 1);
        site.AnswerWith(204, string.Empty);

        var replayed = await JsonAsync(await admin.PostAsJsonAsync("/v1/admin/deliveries/replay", new { shop = "bulk-a", expectedCount = 3 }), HttpStatusCode.OK);

        Assert.Equal(("replay", 3, 3, 0), (replayed.GetProperty("action").GetString(), replayed.GetProperty("matched").GetInt64(), replayed.GetProperty("applied").GetInt64(), replayed.GetProperty("gone").GetInt64()));
        await UntilAsync(() => Task.FromResult(site.Callbacks.Count == 6), "each replayed callback reaches the shop");
        await Scope.Database.UntilEffectsSettledAsync();
        Assert.All(site.Callbacks.GroupBy(c => c.Id), attempts => Assert.Equal(2, attempts.Count())); // refused once, delivered once
        Assert.Equal(3, site.Callbacks.Select(c => c.Id).Distinct().Count());
        Assert.Single(otherSite.Callbacks);
        Assert.Equal(0, await CountAsync(admin, "/v1/admin/deliveries/count?state=dead&shop=bulk-a"));
        Assert.Equal(1, await CountAsync(admin, "/v1/admin/deliveries/count?state=dead&shop=bulk-b"));

        var again = await JsonAsync(await admin.PostAsJsonAsync("/v1/admin/deliveries/replay", new { shop = "bulk-a", expectedCount = 3 }), HttpStatusCode.Conflict);
        Assert.Equal(0, again.GetProperty("count").GetInt64());
        Assert.Equal(6, site.Callbacks.Count);
        await site.DisposeAsync();
        await otherSite.DisposeAsync();
    }

    [Fact]
    public async Task A_count_that_changed_since_the_user_saw_it_replays_nothing_and_answers_the_count_it_is_now()
    {
        var (admin, _, site) = await RefusingShopAsync("bulk-count", orders: 2);

        var refused = await JsonAsync(await admin.PostAsJsonAsync("/v1/admin/deliveries/replay", new { shop = "bulk-count", expectedCount = 1 }), HttpStatusCode.Conflict);

        Assert.Equal("application/problem+json", (await admin.PostAsJsonAsync("/v1/admin/deliveries/replay", new { shop = "bulk-count", expectedCount = 1 })).Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, refused.GetProperty("count").GetInt64());
        Assert.Equal(2, await CountAsync(admin, "/v1/admin/deliveries/count?state=dead&shop=bulk-count"));
        Assert.Equal(2, site.Callbacks.Count);
        await site.DisposeAsync();
    }

    [Fact]
    public async Task Discarding_drops_the_matching_dead_letters_for_good()
    {
        var (admin, _, site) = await RefusingShopAsync("bulk-discard", orders: 2);
        site.AnswerWith(204, string.Empty);

        var discarded = await JsonAsync(await admin.PostAsJsonAsync("/v1/admin/deliveries/discard", new { shop = "bulk-discard", target = "shop-callback", expectedCount = 2 }), HttpStatusCode.OK);

        Assert.Equal(("discard", 2), (discarded.GetProperty("action").GetString(), discarded.GetProperty("applied").GetInt64()));
        Assert.Equal(0, await CountAsync(admin, "/v1/admin/deliveries/count?state=dead&shop=bulk-discard"));
        Assert.Equal(0, await CountAsync(admin, "/v1/admin/deliveries/count?state=pending&shop=bulk-discard"));
        await Scope.Database.UntilEffectsSettledAsync();
        Assert.Equal(0, await Scope.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM {TestDatabase.GrainStates}, jsonb_array_elements(payload::jsonb -> 'effects') effect WHERE grain_key LIKE 'bulk-discard/%'"));
        Assert.Equal(2, site.Callbacks.Count); // the refused attempts only
        await site.DisposeAsync();
    }

    [Fact]
    public async Task A_shop_lists_and_replays_its_own_dead_letters_and_sees_no_other_shops()
    {
        var (_, shop, site) = await RefusingShopAsync("bulk-own", orders: 2);
        var (_, _, otherSite) = await RefusingShopAsync("bulk-other", orders: 1);
        site.AnswerWith(204, string.Empty);

        var listed = await shop.GetFromJsonAsync<JsonElement>("/v1/shops/bulk-own/deliveries?state=dead");
        var count = await CountAsync(shop, "/v1/shops/bulk-own/deliveries/count?state=dead");
        var replayed = await JsonAsync(await shop.PostAsJsonAsync("/v1/shops/bulk-own/deliveries/replay", new { expectedCount = count }), HttpStatusCode.OK);

        Assert.Equal(2, listed.GetProperty("items").GetArrayLength());
        Assert.All(listed.GetProperty("items").EnumerateArray(), d => Assert.Contains("/bulk-own/", d.GetProperty("owner").GetString(), StringComparison.Ordinal));
        Assert.Equal(2, replayed.GetProperty("applied").GetInt64());
        await UntilAsync(() => Task.FromResult(site.Callbacks.Count == 4), "the shop's replay reaches its site");
        Assert.Equal(HttpStatusCode.NotFound, (await shop.GetAsync("/v1/shops/bulk-other/deliveries?state=dead")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shop.PostAsJsonAsync("/v1/shops/bulk-other/deliveries/replay", new { expectedCount = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await shop.PostAsJsonAsync("/v1/admin/deliveries/discard", new { expectedCount = 1 })).StatusCode);
        var otherDelivery = (await Scope.Cluster.Primary.CreateClient().GetFromJsonAsync<JsonElement>("/v1/admin/deliveries?state=dead&shop=bulk-other")).GetProperty("items")[0].GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound, (await shop.PostAsync($"/v1/shops/bulk-own/deliveries/{otherDelivery}/retry", content: null)).StatusCode);
        Assert.Single(otherSite.Callbacks);
        await site.DisposeAsync();
        await otherSite.DisposeAsync();
    }

    [Theory]
    [InlineData("""{"shop":"bulk-x"}""", "expectedCount")]
    [InlineData("""{"expectedCount":-1}""", "expectedCount")]
    [InlineData("""{"expectedCount":1,"from":"yesterday"}""", "from")]
    [InlineData("""{"expectedCount":1,"from":"2026-12-02T10:00:00Z","to":"2026-12-02T09:00:00Z"}""", "to")]
    [InlineData("""{"expectedCount":1,"shop":"Not A Shop"}""", "shop")]
    public async Task A_bad_bulk_request_is_a_400_problem_naming_the_field(string body, string field)
    {
        using var admin = Scope.Cluster.Primary.CreateClient();

        var response = await admin.PostAsync("/v1/admin/deliveries/replay", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}'");
    }

    [Theory]
    [InlineData("/v1/admin/deliveries/count?state=sent", "state")]
    [InlineData("/v1/admin/deliveries?from=noon", "from")]
    [InlineData("/v1/admin/deliveries/count?to=2026-13-01", "to")]
    public async Task A_bad_filter_is_a_400_problem_naming_the_field(string path, string field)
    {
        using var admin = Scope.Cluster.Primary.CreateClient();

        var problem = await JsonAsync(await admin.GetAsync(path), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}'");
    }
}
