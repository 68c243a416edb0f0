using System.Globalization;
using OrleansShop.Grains.Reviews;
using OrleansShop.Silo.Endpoints.Shops;
using OrleansShop.Silo.Http;

namespace OrleansShop.Silo.Endpoints.Reviews;

/// <summary>
/// docs/http-api.md, Reviews and buyer protection: checking a shop's Trusted Shops settings again,
/// and the buyer-protection product a storefront offers for a basket, chosen from the products the
/// last check found without asking Trusted Shops while the buyer waits.
/// </summary>
internal static class ReviewsApi
{
    public static IEndpointRouteBuilder MapReviewsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/shops/{shopId}/reviews/check", CheckAsync).AddEndpointFilter<ShopAccess>().Produces<ReviewAccountCheckView>();
        endpoints.MapPost("/v1/shops/{shopId}/buyer-protection", OfferAsync).AddEndpointFilter<ShopAccess>().Produces<ProtectionOffer>();
        return endpoints;
    }

    private static async Task<IResult> CheckAsync(HttpContext context, ReviewAccountChecks checks)
    {
        var shop = ShopAccess.Shop(context);
        if (shop.Settings.Reviews is not { Enabled: true, Tsid: not null })
        {
            return JsonRequest.Invalid("reviews.enabled", "Reviews are off for this shop: enable them with a Trusted Shops ID (reviews.tsid) first.");
        }

        var checkedShop = await checks.CheckAsync(shop, context.RequestAborted);
        return TypedResults.Ok(ReviewAccountCheckView.From(checkedShop.ReviewsCheck!));
    }

    private static async Task<IResult> OfferAsync(HttpRequest request)
    {
        var (body, problem) = await JsonRequest.ReadAsync<OfferRequest>(request, ApiJson.Options);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Total is not { } total)
        {
            return JsonRequest.Invalid("total", "total is required: the basket's amount and currency, e.g. {\"amount\": \"129.90\", \"currency\": \"EUR\"}.");
        }

        if (!decimal.TryParse(total.Amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount <= 0 || amount > 1_000_000_000m)
        {
            return JsonRequest.Invalid("total.amount", "total.amount is the basket's total as a decimal string, such as \"129.90\": more than 0.");
        }

        if (total.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
        {
            return JsonRequest.Invalid("total.currency", "total.currency is an ISO 4217 code in capitals, such as EUR.");
        }

        return TypedResults.Ok(ProtectionOffer.For(ShopAccess.Shop(request.HttpContext), amount, currency));
    }

    internal sealed record OfferRequest(AmountRequest? Total);

    internal sealed record AmountRequest(string? Amount, string? Currency);
}
