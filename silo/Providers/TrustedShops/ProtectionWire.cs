using System.Globalization;

namespace OrleansShop.Silo.Providers.TrustedShops;

/// <summary>
/// <c>requestForProtectionV2</c> of Trusted Shops' protection service, with its twelve parameters
/// in their documented order, answered by a single <c>return</c> number — positive, the
/// protection's application number; negative, an error code.
/// </summary>
internal static class ProtectionWire
{
    public const string ShopSystemVersion = "OrleansShop";

    public static StringContent RequestContent(ProtectionCredentials credentials, ProtectionApplication application) =>
        TrustedShopsSoap.Request("requestForProtectionV2",
            ("tsId", credentials.Tsid),
            ("tsProductId", application.ProductId),
            ("amount", application.Amount.ToString("0.00", CultureInfo.InvariantCulture)),
            ("currency", application.Currency),
            ("paymentType", application.PaymentType),
            ("buyerEmail", application.Email),
            ("shopCustomerID", application.CustomerId),
            ("shopOrderID", application.OrderReference),
            ("orderDate", application.OrderDate.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
            ("shopSystemVersion", ShopSystemVersion),
            ("wsUser", credentials.User),
            ("wsPassword", credentials.Password));

    /// <summary>The <c>return</c> number of an answer, or null when the answer holds none (garbage, a fault).</summary>
    public static long? ReturnValue(byte[] body) => Number(TrustedShopsSoap.Return(body)?.Value);

    public static long? Number(string? value) =>
        long.TryParse(value?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;
}
