using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Grains.Orders;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Shops;

namespace OrleansShop.Tests.Grains.Domain.Orders;

/// <summary><c>GET /v1/shops/{shopId}/orders</c>: by status, by the day placed, by the start of the reference.</summary>
public sealed class OrderSearchTests(OrderSearchTests.FourOrders orders) : IClassFixture<OrderSearchTests.FourOrders>
{
    private readonly HttpClient _admin = orders.Admin;

    private async Task<string[]> IdsAsync(string query)
    {
        var page = await _admin.GetFromJsonAsync<JsonElement>($"/v1/shops/search/orders?{query}");
        return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("orderId").GetString()!)];
    }

    [Theory]
    [InlineData("from=2026-11-02", new[] { "d", "c", "b" })]
    [InlineData("to=2026-11-02", new[] { "b", "a" })]
    [InlineData("from=2026-11-02&to=2026-11-02", new[] { "b" })]
    [InlineData("from=2026-11-03&status=paid", new[] { "c" })]
    public async Task Days_are_inclusive_and_combine_with_the_status(string query, string[] expected)
    {
        Assert.Equal(expected, await IdsAsync(query));
    }

    [Theory]
    [InlineData("reference=1001", new[] { "d", "a" })]
    [InlineData("reference=%23100", new[] { "b", "d", "a" })]
    [InlineData("reference=2001&status=Paid", new[] { "c" })]
    [InlineData("reference=9", new string[0])]
    public async Task A_reference_finds_the_orders_whose_reference_starts_with_it_in_descending_order_ignoring_a_leading_hash(string query, string[] expected)
    {
        Assert.Equal(expected, await IdsAsync(query));
    }

    [Fact]
    public async Task A_search_pages_with_its_cursor()
    {
        var first = await _admin.GetFromJsonAsync<JsonElement>("/v1/shops/search/orders?reference=100&limit=2");
        var next = first.GetProperty("next").GetString();

        Assert.Equal(["b", "d", "a"], [.. first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("orderId").GetString()!), .. await IdsAsync($"reference=100&limit=2&after={next}")]);
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=2026-11-03&to=2026-11-02", "to")]
    [InlineData("reference=1001&from=2026-11-01", "reference")]
    public async Task An_invalid_search_is_a_400_naming_the_field(string query, string field)
    {
        var response = await _admin.GetAsync($"/v1/shops/search/orders?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    /// <summary>A shop with four orders placed on three days, one of them paid, for every search of the class.</summary>
    public sealed class FourOrders : IAsyncLifetime
    {
        private ClusterScope Scope { get; set; } = null!;

        public HttpClient Admin { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Scope = await ClusterScope.StartAsync(silos: 1);
            Admin = Scope.Cluster.Primary.CreateClient();
            (await Admin.PutAsJsonAsync("/v1/shops/search", ShopsApiTests.Shop())).EnsureSuccessStatusCode();
            var placed = new[] { ("a", "#1001", 1), ("b", "1002", 2), ("c", "2001", 3), ("d", "10010", 3) };
            foreach (var (id, reference, day) in placed)
            {
                var at = new DateTimeOffset(2026, 11, day, 12, 0, 0, TimeSpan.Zero);
                await Scope.Cluster.Primary.Grains.GetGrain<IOrderGrain>($"search/{id}").ApplyAsync(OrderEvents.Created(cod: false, sms: false, at: at, reference: reference));
            }

            await Scope.Cluster.Primary.Grains.GetGrain<IOrderGrain>("search/c").ApplyAsync(OrderEvents.Trigger(OrderTrigger.Paid));
        }

        public async Task DisposeAsync()
        {
            Admin.Dispose();
            await Scope.DisposeAsync();
        }
    }
}
