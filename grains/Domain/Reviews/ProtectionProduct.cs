using System.Text.RegularExpressions;

namespace OrleansShop.Grains.Reviews;

/// <summary>
/// The Trusted Shops buyer-protection products an Excellence shop sells at checkout, as order
/// lines whose sku is the product id: <c>TS080501_2500_30_EUR</c> protects up to 2,500 EUR for 30
/// days. That is how shop integrations put the fee the buyer chose into the order.
/// </summary>
public static partial class ProtectionProduct
{
    public static bool IsProtection(string sku) => ProductId().IsMatch(sku);

    [GeneratedRegex(@"^TS\d{6}_\d{1,6}_\d{1,3}_[A-Z]{3}$")]
    private static partial Regex ProductId();
}
