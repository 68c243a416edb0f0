using System.Text;

namespace OrleansShop.Silo.Providers.TrustedShops;

/// <summary>
/// An Excellence shop's web-service user for buyer protection (Trusted Shops issues it with the
/// certificate). <see cref="ToString"/> leaves the password out.
/// </summary>
public sealed record ProtectionCredentials(string Tsid, string User, string Password)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Tsid = ").Append(Tsid).Append(", User = ").Append(User).Append(", Password = (hidden)");
        return true;
    }
}

/// <summary>
/// One protection to register: the product the buyer chose, the order's total and payment type, and
/// the buyer's address (plaintext, so this type lives for one call and prints without it).
/// </summary>
/// <param name="PaymentType">Trusted Shops' payment type name (<see cref="ProtectionPaymentTypes"/>).</param>
public sealed record ProtectionApplication(string ProductId, decimal Amount, string Currency, string PaymentType, string Email, string CustomerId, string OrderReference, DateTimeOffset OrderDate)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ProductId = ").Append(ProductId).Append(", OrderReference = ").Append(OrderReference).Append(", Email = (hidden)");
        return true;
    }
}
