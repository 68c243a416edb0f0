using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Grains.Domain.Reviews;

/// <summary>Excellence buyer protection end to end over HTTP, with the sandbox Trusted Shops.</summary>
public sealed class BuyerProtectionFlowTests
{
    [Fact]
    public async Task An_excellence_order_with_a_protection_line_registers_it_once_and_shows_its_number()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var shop = await ReviewShop.CreateAsync(scope.Cluster.Primary, model: "excellence");

        await shop.SendAsync(ReviewShop.Created("2001", skus: ["SKU-1", ReviewShop.ProtectionLine]), messageId: "msg_2001");
        await shop.SendAsync(ReviewShop.Created("2001", skus: ["SKU-1", ReviewShop.ProtectionLine]), messageId: "msg_2001");
        await shop.SendAsync(ReviewShop.Created("2001", skus: ["SKU-1", ReviewShop.ProtectionLine]), messageId: "msg_2001_again");

        await Eventually.TrueAsync(async () => (await shop.OrderAsync("2001")).GetProperty("protection").GetProperty("status").GetString() == "registered", "the protection is registered");
        var registered = Assert.Single(await shop.ProtectionsAsync());
        Assert.Equal((ReviewShop.ProtectionLine, "129.90", "EUR"), (registered.GetProperty("productId").GetString(), registered.GetProperty("amount").GetString(), registered.GetProperty("currency").GetString()));
        Assert.Equal(registered.GetProperty("number").GetString(), (await shop.OrderAsync("2001")).GetProperty("protection").GetProperty("number").GetString());

        // The protection is no product to review.
        await shop.SendAsync(SignedPoster.Status("2001", "closed"));
        await Eventually.TrueAsync(async () => (await shop.InvitationsAsync()).Count == 1, "the buyer is invited");
        Assert.Equal(["SKU-1"], (await shop.InvitationsAsync())[0].GetProperty("products").EnumerateArray().Select(p => p.GetProperty("sku").GetString()));
        await scope.Database.UntilEffectsSettledAsync();
        Assert.Single(await shop.ProtectionsAsync());
    }

    [Theory]
    [InlineData("classic", true)]
    [InlineData("excellence", false)]
    public async Task Classic_shops_and_orders_without_a_protection_line_register_nothing(string model, bool withLine)
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var shop = await ReviewShop.CreateAsync(scope.Cluster.Primary, model);

        await shop.SendAsync(ReviewShop.Created("2002", skus: withLine ? ["SKU-1", ReviewShop.ProtectionLine] : ["SKU-1"]));
        await shop.SendAsync(SignedPoster.Status("2002", "closed"));
        await Eventually.TrueAsync(async () => await shop.ReviewStatusAsync("2002") == "invited", "the buyer is invited");

        Assert.Equal("none", (await shop.OrderAsync("2002")).GetProperty("protection").GetProperty("status").GetString());
        Assert.Empty(await shop.ProtectionsAsync());
    }
}
