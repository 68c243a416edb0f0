using System.Text.RegularExpressions;

namespace OrleansShop.Grains.Reviews;

/// <summary>
/// One Trusted Shops buyer-protection product an Excellence shop sells at checkout, as Trusted Shops
/// lists it for the shop's certificate (<c>getProtectionItems</c>): <c>TS080501_2500_30_EUR</c>
/// protects an order of up to 2,500 EUR for 30 days, for a fee. Shop integrations put the product
/// the buyer chose into the order as a line whose sku is its id.
/// </summary>
/// <param name="ProductId">Trusted Shops' <c>tsProductID</c>.</param>
/// <param name="ProtectedAmount">The largest order total it protects (<c>protectedAmountDecimal</c>).</param>
/// <param name="NetFee">The fee without VAT (<c>netFee</c>).</param>
/// <param name="GrossFee">The fee the buyer pays (<c>grossFee</c>).</param>
/// <param name="ProtectionDays">How long the protection lasts (<c>protectionDurationInt</c>).</param>
public sealed partial record ProtectionProduct(string ProductId, decimal ProtectedAmount, string Currency, decimal NetFee, decimal GrossFee, int ProtectionDays)
{
    /// <summary>Whether an order line's sku is a protection product's id.</summary>
    public static bool IsProtection(string sku) => ProductIdPattern().IsMatch(sku);

    /// <summary>
    /// The product to offer for a basket: the smallest in its currency that protects the whole
    /// total, or else the largest in its currency, which protects part of it (as Trusted Shops'
    /// shop modules choose); null when none is in that currency.
    /// </summary>
    public static (ProtectionProduct Product, bool CoversTotal)? Fitting(IEnumerable<ProtectionProduct> products, decimal total, string currency)
    {
        ArgumentNullException.ThrowIfNull(products);
        var inCurrency = products.Where(p => string.Equals(p.Currency, currency, StringComparison.OrdinalIgnoreCase)).OrderBy(p => p.ProtectedAmount).ToList();
        return inCurrency.FirstOrDefault(p => p.ProtectedAmount >= total) is { } covering ? (covering, true)
            : inCurrency.Count > 0 ? (inCurrency[^1], false)
            : null;
    }

    [GeneratedRegex(@"^TS\d{6}_\d{1,6}_\d{1,3}_[A-Z]{3}$")]
    private static partial Regex ProductIdPattern();
}
