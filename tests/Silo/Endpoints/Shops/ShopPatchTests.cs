using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansShop.Grains.Shops;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Silo.Endpoints.Shops;

/// <summary>
/// <c>PATCH /v1/shops/{shopId}</c> with a JSON merge patch: one field changes, every secret and every
/// other section is kept, the shop's own key may change its own settings except the admin-only ones.
/// </summary>
public sealed class ShopPatchTests(OneSilo silo) : IClassFixture<OneSilo>
{
    private async Task<HttpClient> ShopKeyAsync(string shopId)
    {
        using var admin = silo.Scope.Cluster.Primary.CreateClient();
        var created = await admin.PutAsJsonAsync($"/v1/shops/{shopId}", ShopsApiTests.Shop());
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString();
        return silo.Scope.Cluster.Primary.CreateClient(key);
    }

    private static StringContent MergePatch(string json) => new(json, Encoding.UTF8, "application/merge-patch+json");

    [Fact]
    public async Task A_patch_with_the_shops_own_key_changes_one_field_and_keeps_every_secret()
    {
        using var shop = await ShopKeyAsync("patch-one");

        var patched = await shop.PatchAsync("/v1/shops/patch-one", MergePatch("""{"sms":{"keyword":"EVET"}}"""));

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var view = await patched.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("EVET", true, 2880), (view.GetProperty("sms").GetProperty("keyword").GetString(), view.GetProperty("sms").GetProperty("enabled").GetBoolean(), view.GetProperty("sms").GetProperty("expiresAfterMinutes").GetInt32()));
        Assert.Equal(80, view.GetProperty("reputation").GetProperty("thresholdPercent").GetInt32());
        var settings = (await silo.Scope.Cluster.Primary.Grains.GetGrain<IShopGrain>("patch-one").GetAsync())!.Settings;
        Assert.Equal("gateway-password", settings.Credentials["smsGateway"].GetProperty("password").GetString());
        Assert.Equal("very-secret", settings.Credentials["reviews"].GetProperty("clientSecret").GetString());
        Assert.Equal(SignedPoster.StandardSecret, settings.Webhooks.Secret);
        Assert.Null(settings.Webhooks.PreviousSecret); // the secret did not change, so nothing overlaps
    }

    [Fact]
    public async Task A_null_member_removes_its_section_and_an_invalid_value_changes_nothing()
    {
        using var shop = await ShopKeyAsync("patch-null");

        var removed = await shop.PatchAsync("/v1/shops/patch-null", MergePatch("""{"smsGateway":null}"""));
        var invalid = await shop.PatchAsync("/v1/shops/patch-null", MergePatch("""{"reputation":{"thresholdPercent":150},"name":"Changed"}"""));

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.DoesNotContain("smsGateway", (await removed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("configuredCredentials").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reputation.thresholdPercent", out _));
        var view = await shop.GetFromJsonAsync<JsonElement>("/v1/shops/patch-null");
        Assert.Equal(("Demo shop", 80), (view.GetProperty("name").GetString(), view.GetProperty("reputation").GetProperty("thresholdPercent").GetInt32()));
    }

    [Fact]
    public async Task The_webhook_profile_is_admin_only_and_the_admin_may_change_it()
    {
        using var shop = await ShopKeyAsync("patch-admin");
        using var admin = silo.Scope.Cluster.Primary.CreateClient();

        var refused = await shop.PatchAsync("/v1/shops/patch-admin", MergePatch("""{"webhooks":{"profile":"shopify"}}"""));
        var allowed = await admin.PatchAsync("/v1/shops/patch-admin", MergePatch("""{"webhooks":{"profile":"shopify"}}"""));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("webhooks.profile", "webhooks.profile is changed with the admin token only."), (problem.GetProperty("field").GetString(), problem.GetProperty("detail").GetString()));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("shopify", (await allowed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("webhooks").GetProperty("profile").GetString());
    }

    [Theory]
    [InlineData("text/plain", "{}", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/merge-patch+json", "[1]", HttpStatusCode.BadRequest)]
    [InlineData("application/merge-patch+json", "{\"sms\":", HttpStatusCode.BadRequest)]
    public async Task A_body_that_is_no_merge_patch_is_refused(string contentType, string body, HttpStatusCode expected)
    {
        using var shop = await ShopKeyAsync($"patch-bad-{(int)expected}-{body.Length}");

        var answer = await shop.PatchAsync($"/v1/shops/patch-bad-{(int)expected}-{body.Length}", new StringContent(body, Encoding.UTF8, contentType));

        Assert.Equal(expected, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Another_shops_key_cannot_patch_it()
    {
        using var owner = await ShopKeyAsync("patch-owner");
        using var other = await ShopKeyAsync("patch-other");

        var answer = await other.PatchAsync("/v1/shops/patch-owner", MergePatch("""{"name":"Taken over"}"""));

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }
}
