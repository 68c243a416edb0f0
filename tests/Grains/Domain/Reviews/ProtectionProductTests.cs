using OrleansShop.Grains.Reviews;

namespace OrleansShop.Tests.Grains.Domain.Reviews;

/// <summary>Which protection product a basket is offered, and which order lines are protection products.</summary>
public sealed class ProtectionProductTests
{
    private static readonly ProtectionProduct[] Products =
    [
        new("TS080501_2500_30_EUR", 2500m, "EUR", 4.12m, 4.90m, 30),
        new("TS080501_500_30_EUR", 500m, "EUR", 0.82m, 0.98m, 30),
        new("TS100629_1500_30_CHF", 1500m, "CHF", 3.05m, 3.28m, 30),
    ];

    [Theory]
    [InlineData("0.01", "EUR", "TS080501_500_30_EUR", true)]
    [InlineData("500", "EUR", "TS080501_500_30_EUR", true)]
    [InlineData("500.01", "EUR", "TS080501_2500_30_EUR", true)]
    [InlineData("2500.01", "EUR", "TS080501_2500_30_EUR", false)]
    [InlineData("100", "chf", "TS100629_1500_30_CHF", true)]
    public void The_smallest_product_in_the_baskets_currency_covering_it_else_the_largest(string total, string currency, string expected, bool covers)
    {
        var fitting = ProtectionProduct.Fitting(Products, decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture), currency);

        Assert.Equal((expected, covers), (fitting!.Value.Product.ProductId, fitting.Value.CoversTotal));
    }

    [Fact]
    public void No_product_fits_a_currency_the_certificate_does_not_sell() =>
        Assert.Null(ProtectionProduct.Fitting(Products, 10m, "HUF"));

    [Theory]
    [InlineData("TS080501_2500_30_EUR", true)]
    [InlineData("TS080501_500_30_EUR", true)]
    [InlineData("TS080501_2500_30_eur", false)]
    [InlineData("SKU-TS080501", false)]
    public void An_order_line_is_a_protection_product_when_its_sku_is_a_product_id(string sku, bool expected) =>
        Assert.Equal(expected, ProtectionProduct.IsProtection(sku));
}
