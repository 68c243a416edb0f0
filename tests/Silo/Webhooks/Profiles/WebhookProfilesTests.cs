using OrleansShop.Silo.Webhooks.Profiles;

namespace OrleansShop.Tests.Silo.Webhooks.Profiles;

public sealed class WebhookProfilesTests
{
    [Theory]
    [InlineData("standard")]
    [InlineData("shopify")]
    [InlineData("woocommerce")]
    [InlineData("ideasoft")]
    public void Each_profile_is_found_by_its_name(string name) =>
        Assert.Equal(name, WebhookProfiles.Find(name)?.Name);

    [Fact]
    public void Names_are_matched_without_regard_to_case() =>
        Assert.Equal("woocommerce", WebhookProfiles.Find("WooCommerce")?.Name);

    [Theory]
    [InlineData("magento")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_name_finds_no_profile(string? name) =>
        Assert.Null(WebhookProfiles.Find(name));

    [Fact]
    public void The_registry_holds_one_profile_per_name() =>
        Assert.Equal(["standard", "shopify", "woocommerce", "ideasoft"], WebhookProfiles.All.Select(p => p.Name));
}
