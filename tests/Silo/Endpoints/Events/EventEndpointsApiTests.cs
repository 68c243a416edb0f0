using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Silo.Endpoints.Events;

/// <summary>The event endpoints API: the shop's key manages its endpoints, its publishable key cannot, bad input names the field.</summary>
public sealed class EventEndpointsApiTests : IAsyncLifetime
{
    private static readonly string[] StatusChanges = ["order.status_changed"];
    private static readonly string[] Everything = ["*"];
    private ClusterScope _scope = null!;
    private HttpClient _admin = null!;
    private HttpClient _shop = null!;
    private HttpClient _storefront = null!;

    public async Task InitializeAsync()
    {
        _scope = await ClusterScope.StartAsync(silos: 1);
        _admin = _scope.Cluster.Primary.CreateClient();
        var created = await (await _admin.PutAsJsonAsync("/v1/shops/demo", new { name = "Events shop", webhooks = new { profile = "standard", secret = SignedPoster.StandardSecret } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        _shop = _scope.Cluster.Primary.CreateClient(created.GetProperty("apiKey").GetString());
        _storefront = _scope.Cluster.Primary.CreateClient(created.GetProperty("shop").GetProperty("checkout").GetProperty("publishableKey").GetString());
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        _shop.Dispose();
        _storefront.Dispose();
        await _scope.DisposeAsync();
    }

    [Fact]
    public async Task The_shops_key_creates_lists_reads_updates_and_deletes_an_endpoint_whose_secret_is_shown_once()
    {
        var created = await _shop.PostAsJsonAsync("/v1/shops/demo/event-endpoints", new { url = "https://shop.example/hooks", events = StatusChanges, description = "ERP" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var endpoint = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = endpoint.GetProperty("id").GetString()!;
        Assert.Equal($"/v1/shops/demo/event-endpoints/{id}", created.Headers.Location?.OriginalString);
        var secret = endpoint.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);

        var listed = await _shop.GetStringAsync("/v1/shops/demo/event-endpoints");
        var read = await _shop.GetFromJsonAsync<JsonElement>($"/v1/shops/demo/event-endpoints/{id}");
        Assert.Contains(id, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret["whsec_".Length..], listed, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, read.GetProperty("secret").ValueKind);
        Assert.Equal("ERP", read.GetProperty("description").GetString());

        var updated = await _shop.PutAsJsonAsync($"/v1/shops/demo/event-endpoints/{id}", new { url = "https://shop.example/v2/hooks", events = Everything });
        var now = await updated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(("https://shop.example/v2/hooks", "*"), (now.GetProperty("url").GetString(), now.GetProperty("events")[0].GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await _shop.DeleteAsync($"/v1/shops/demo/event-endpoints/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _shop.DeleteAsync($"/v1/shops/demo/event-endpoints/{id}")).StatusCode);
        Assert.Equal(0, (await _shop.GetFromJsonAsync<JsonElement>("/v1/shops/demo/event-endpoints")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task The_publishable_key_cannot_manage_endpoints()
    {
        var create = await _storefront.PostAsJsonAsync("/v1/shops/demo/event-endpoints", new { url = "https://shop.example/hooks", events = Everything });
        var list = await _storefront.GetAsync("/v1/shops/demo/event-endpoints");

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(0, (await _admin.GetFromJsonAsync<JsonElement>("/v1/shops/demo/event-endpoints")).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"url":"ftp://shop.example/hooks","events":["*"]}""", "url")]
    [InlineData("""{"events":["*"]}""", "url")]
    [InlineData("""{"url":"https://shop.example/hooks","events":[]}""", "events")]
    [InlineData("""{"url":"https://shop.example/hooks"}""", "events")]
    [InlineData("""{"url":"https://shop.example/hooks","events":["order.status_changed","order.exploded"]}""", "events[1]")]
    [InlineData("""{"url":"https://shop.example/hooks","events":"*"}""", "events")]
    public async Task Bad_input_is_a_400_naming_the_field(string body, string field)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var answer = await _shop.PostAsync("/v1/shops/demo/event-endpoints", content);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.True((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}");
    }
}
