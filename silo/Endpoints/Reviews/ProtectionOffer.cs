using System.Globalization;
using OrleansShop.Grains.Reviews;
using OrleansShop.Grains.Shops;

namespace OrleansShop.Silo.Endpoints.Reviews;

/// <summary>
/// The answer to <c>POST /v1/shops/{shopId}/buyer-protection</c>: the Excellence product the
/// storefront offers for the basket, or why it offers none.
/// </summary>
/// <param name="CoversTotal">Whether the product protects the whole total; false when the basket is larger than every product, and the largest is offered.</param>
internal sealed record ProtectionOffer(bool Offered, ProtectionProductView? Product, bool CoversTotal, IReadOnlyList<string> Reasons)
{
    public static ProtectionOffer For(ShopSnapshot shop, decimal total, string currency)
    {
        ArgumentNullException.ThrowIfNull(shop);
        var reviews = shop.Settings.Reviews;
        var basket = $"{Money(total)} {currency}";
        if (!reviews.Enabled)
        {
            return None("Reviews and buyer protection are off for this shop.");
        }

        if (reviews.Model != "excellence")
        {
            return None($"Buyer protection at checkout is for Excellence shops; this shop's reviews model is {reviews.Model}.");
        }

        if (shop.ReviewsCheck is not { Verdict: ReviewAccountVerdict.Valid } check)
        {
            return None($"The shop's Trusted Shops settings are not checked valid ({(shop.ReviewsCheck is { } last ? last.Verdict.ToString().ToLowerInvariant() : "not checked")}): see reviewsCheck in GET /v1/shops/{shop.ShopId}.");
        }

        if (ProtectionProduct.Fitting(check.ProtectionProducts, total, currency) is not var (product, covers))
        {
            return None($"The certificate sells no buyer protection in {currency}.");
        }

        var reason = covers
            ? $"{product.ProductId} protects up to {Money(product.ProtectedAmount)} {product.Currency}: the smallest product covering {basket}."
            : $"{basket} is more than any product protects: {product.ProductId}, the largest, protects up to {Money(product.ProtectedAmount)} {product.Currency}.";
        return new ProtectionOffer(true, ProtectionProductView.From(product), covers, [reason]);
    }

    private static ProtectionOffer None(string reason) => new(false, null, false, [reason]);

    internal static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>A protection product with its amounts as decimal strings, as the API writes money.</summary>
internal sealed record ProtectionProductView(string ProductId, string ProtectedAmount, string Currency, string NetFee, string GrossFee, int ProtectionDays)
{
    public static ProtectionProductView From(ProtectionProduct product)
    {
        ArgumentNullException.ThrowIfNull(product);
        return new(product.ProductId, ProtectionOffer.Money(product.ProtectedAmount), product.Currency, ProtectionOffer.Money(product.NetFee), ProtectionOffer.Money(product.GrossFee), product.ProtectionDays);
    }
}

/// <summary>A shop's <see cref="ReviewAccountCheck"/> as the API shows it.</summary>
internal sealed record ReviewAccountCheckView(
    DateTimeOffset CheckedAt,
    ReviewAccountVerdict Verdict,
    CertificateFinding? Certificate,
    IReadOnlyList<ProtectionProductView> ProtectionProducts,
    IReadOnlyList<AccountProblem> Problems)
{
    public static ReviewAccountCheckView From(ReviewAccountCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return new(check.CheckedAt, check.Verdict, check.Certificate, [.. check.ProtectionProducts.Select(ProtectionProductView.From)], check.Problems);
    }
}
