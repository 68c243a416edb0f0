using OrleansShop.Silo.Providers.Platforms;

namespace OrleansShop.Tests.Silo.Providers.Platforms;

public sealed class PlatformOptionsTests
{
    private static readonly PlatformOptionsValidator Validator = new();

    [Fact]
    public void The_defaults_are_ten_seconds_a_call_256_KiB_an_answer_and_Shopify_2025_07_and_they_are_valid()
    {
        var options = new PlatformOptions();

        Assert.Equal((TimeSpan.FromSeconds(10), 256 * 1024, "2025-07"), (options.Timeout, options.MaxResponseBytes, options.ShopifyApiVersion));
        Assert.True(Validator.Validate(null, options).Succeeded);
        Assert.Equal("Platforms", PlatformOptions.SectionName);
    }

    [Theory]
    [InlineData("2026-01")]
    [InlineData("2025-10")]
    [InlineData("unstable")]
    public void A_shopify_release_or_unstable_is_a_valid_version(string version) =>
        Assert.True(Validator.Validate(null, new PlatformOptions { ShopifyApiVersion = version }).Succeeded);

    [Theory]
    [InlineData("2025-08")]
    [InlineData("2025-7")]
    [InlineData("latest")]
    [InlineData("")]
    [InlineData("2025-07/../../x")]
    public void Anything_else_fails_naming_Platforms_ShopifyApiVersion(string version) =>
        Assert.StartsWith("Platforms:ShopifyApiVersion ", Validator.Validate(null, new PlatformOptions { ShopifyApiVersion = version }).FailureMessage, StringComparison.Ordinal);

    [Fact]
    public void A_timeout_that_is_not_positive_fails_naming_Platforms_Timeout() =>
        Assert.StartsWith("Platforms:Timeout ", Validator.Validate(null, new PlatformOptions { Timeout = TimeSpan.Zero }).FailureMessage, StringComparison.Ordinal);

    [Fact]
    public void An_answer_limit_under_1_KiB_fails_naming_Platforms_MaxResponseBytes() =>
        Assert.StartsWith("Platforms:MaxResponseBytes ", Validator.Validate(null, new PlatformOptions { MaxResponseBytes = 512 }).FailureMessage, StringComparison.Ordinal);
}
