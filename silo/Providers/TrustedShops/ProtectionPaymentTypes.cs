namespace OrleansShop.Silo.Providers.TrustedShops;

/// <summary>
/// Trusted Shops' payment type names for a protection request, from a shop's payment method name.
/// Cash on delivery is decided by the shop's COD names, not guessed here; what is not recognised is <c>OTHER</c>.
/// </summary>
public static class ProtectionPaymentTypes
{
    public const string CashOnDelivery = "CASH_ON_DELIVERY";

    private static readonly (string Fragment, string Type)[] Known =
    [
        ("paypal", "PAYPAL"),
        ("card", "CREDIT_CARD"),
        ("kart", "CREDIT_CARD"),
        ("iyzico", "CREDIT_CARD"),
        ("debit", "DIRECT_DEBIT"),
        ("invoice", "INVOICE"),
        ("bank", "PREPAYMENT"),
        ("transfer", "PREPAYMENT"),
        ("prepay", "PREPAYMENT"),
        ("bacs", "PREPAYMENT"),
        ("havale", "PREPAYMENT"),
    ];

    public static string For(string paymentMethod, bool cod) =>
        cod ? CashOnDelivery
        : Known.FirstOrDefault(k => paymentMethod.Contains(k.Fragment, StringComparison.OrdinalIgnoreCase)).Type ?? "OTHER";
}
