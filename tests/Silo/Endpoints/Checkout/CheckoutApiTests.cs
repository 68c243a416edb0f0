using System.Net;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Endpoints.Checkout;

/// <summary>The script a storefront includes, cacheable and plain, and the example page that shows how.</summary>
public sealed class CheckoutApiTests(OneSilo silo) : IClassFixture<OneSilo>
{
    [Fact]
    public async Task The_script_is_plain_javascript_cacheable_for_an_hour_and_revalidated_by_its_etag()
    {
        using var http = silo.Scope.Cluster.Primary.CreateClient(bearer: null);

        using var script = await http.GetAsync("/checkout/cod.js");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/checkout/cod.js");
        again.Headers.TryAddWithoutValidation("If-None-Match", script.Headers.ETag!.Tag);
        using var revalidated = await http.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.True(script.Headers.CacheControl is { Public: true, MaxAge.TotalSeconds: 3600 });
        Assert.Equal("nosniff", Assert.Single(script.Headers.GetValues("X-Content-Type-Options")));
        var text = await script.Content.ReadAsStringAsync();
        Assert.Contains("/cod-eligibility", text, StringComparison.Ordinal);
        Assert.DoesNotContain("import ", text, StringComparison.Ordinal); // plain script, no modules or dependencies
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task The_example_page_includes_the_script_with_the_shop_and_key_asked_for_and_placeholders_for_anything_else()
    {
        using var http = silo.Scope.Cluster.Primary.CreateClient(bearer: null);

        var filled = await http.GetStringAsync("/checkout/example?shopId=bolt&key=pk_Abc-123_x");
        var hostile = await http.GetStringAsync("/checkout/example?shopId=%3Cscript%3E&key=pk_%22%3E%3Cscript%3E");

        Assert.Contains("<script src=\"/checkout/cod.js\" defer", filled, StringComparison.Ordinal);
        Assert.Contains("data-shop=\"bolt\" data-key=\"pk_Abc-123_x\"", filled, StringComparison.Ordinal);
        Assert.Contains("data-shop=\"YOUR_SHOP\" data-key=\"pk_YOUR_PUBLISHABLE_KEY\"", hostile, StringComparison.Ordinal);
        Assert.DoesNotContain("\"><script>", hostile, StringComparison.Ordinal);
    }
}
