using OrleansShop.Silo.Providers;

namespace OrleansShop.Tests.Silo.Providers;

/// <summary>Whether a certificate's address is the shop's, as Trusted Shops writes addresses (often without a scheme).</summary>
public sealed class ReviewAccountRulesTests
{
    [Theory]
    [InlineData("www.bolt.example", "https://bolt.example", true)]
    [InlineData("http://www.Bolt.example/", "https://bolt.example/shop", true)]
    [InlineData("bolt.example", "https://www.bolt.example", true)]
    [InlineData("www.bolt.example", "https://bolt.example.evil.example", false)]
    [InlineData("shop.bolt.example", "https://bolt.example", false)]
    [InlineData(null, "https://bolt.example", false)]
    [InlineData("www.bolt.example", null, false)]
    public void A_certificate_is_for_the_shop_when_the_hosts_match_without_www(string? certificate, string? shop, bool expected) =>
        Assert.Equal(expected, ReviewAccountRules.SameShop(certificate, shop));
}
