using Microsoft.AspNetCore.Http;
using OrleansShop.Gateway.Routing;

namespace OrleansShop.Tests.Api.Routing;

/// <summary>What a request is about, for the gateway's affinity: the API's and the console's routes of one order or shop share a key.</summary>
public sealed class RoutingKeyTests
{
    [Theory]
    [InlineData("/v1/shops/demo/orders/10023", "order/demo/10023")]
    [InlineData("/v1/shops/demo/orders/10023/sms/resend", "order/demo/10023")]
    [InlineData("/console/shops/demo/orders/10023", "order/demo/10023")]
    [InlineData("/v1/shops/demo/webhooks", "shop/demo")]
    [InlineData("/console/shops/demo/settings", "shop/demo")]
    [InlineData("/console/shops/demo/orders", "shop/demo")]
    [InlineData("/v1/admin/deliveries", "/v1/admin/deliveries")]
    [InlineData("/console", "/console")]
    public void An_orders_and_a_shops_routes_share_their_key_in_the_api_and_the_console(string path, string key)
    {
        Assert.Equal(key, RoutingKey.From(new PathString(path)));
    }

    [Fact]
    public void Only_the_apis_shop_routes_count_against_a_shops_rate()
    {
        Assert.Equal("demo", RoutingKey.ShopOf(new PathString("/v1/shops/demo/webhooks")));
        Assert.Null(RoutingKey.ShopOf(new PathString("/console/shops/demo/orders")));
    }
}
