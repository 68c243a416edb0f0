using OrleansShop.Effects;
using OrleansShop.Grains.Privacy;
using OrleansShop.Grains.Reputation;
using OrleansShop.Silo.Endpoints.Checkout;
using OrleansShop.Silo.Http;

namespace OrleansShop.Silo.Endpoints.Reputation;

/// <summary>
/// docs/http-api.md, Checkout and Privacy. The e-mail in a request is hashed at once; only a shop's upstream
/// provider is given it as written, during the lookup, and nothing keeps it.
/// </summary>
internal static class ReputationApi
{
    public static IEndpointRouteBuilder MapReputationApi(this IEndpointRouteBuilder endpoints)
    {
        // The storefront's snippet asks this from the buyer's browser with the shop's publishable key:
        // CORS from the shop's allowed origins, and a preflight answered for them.
        endpoints.MapPost("/v1/shops/{shopId}/cod-eligibility", EligibilityAsync).AddEndpointFilter<ShopAccess>().Produces<EligibilityAnswer>()
            .WithMetadata(PublishableKeyAllowed.Instance)
            .RequireCors(CheckoutCors.PolicyName)
            .WithMetadata(new Microsoft.AspNetCore.Routing.HttpMethodMetadata([HttpMethods.Post], acceptCorsPreflight: true));
        endpoints.MapPost("/v1/reputation/erasure", EraseAsync).AddEndpointFilter<AdminAuthorization>();
        return endpoints;
    }

    private static async Task<IResult> EligibilityAsync(HttpContext context, IGrainFactory grains, EmailPseudonymizer pseudonymizer, UpstreamLookup upstream, Observability.ShopMetrics metrics)
    {
        var (body, problem) = await JsonRequest.ReadAsync<EligibilityRequest>(context.Request, ApiJson.Options);
        if (problem is not null)
        {
            return problem;
        }

        if (EmailProblem(body!.Email) is { } invalid)
        {
            return JsonRequest.Invalid("email", invalid);
        }

        var shop = ShopAccess.Shop(context);
        var hash = pseudonymizer.Pseudonymize(body.Email!).Hash;
        var network = grains.GetGrain<IBuyerReputationGrain>(hash).GetAsync();
        var provider = await upstream.FindAsync(shop, body.Email!, hash, context.RequestAborted);
        var answer = CodEligibility.Decide(await network, provider, shop.Settings);
        metrics.CheckoutLookup(shop.ShopId, answer.CodAllowed);

        // Anyone can read a publishable key from a storefront's page: its answer says only what the
        // page needs, never the buyer's counts, rate, standing or reasons.
        return ShopAccess.IsPublishable(context)
            ? TypedResults.Ok(new PublicEligibilityAnswer(answer.CodAllowed, answer.SmsConfirmationRequired))
            : TypedResults.Ok(answer);
    }

    private static async Task<IResult> EraseAsync(HttpRequest request, IGrainFactory grains, EmailPseudonymizer pseudonymizer)
    {
        var (body, problem) = await JsonRequest.ReadAsync<ErasureRequest>(request, ApiJson.Options);
        if (problem is not null)
        {
            return problem;
        }

        if (EmailProblem(body!.Email) is { } invalid)
        {
            return JsonRequest.Invalid("email", invalid);
        }

        var erased = await grains.GetGrain<IBuyerReputationGrain>(pseudonymizer.Pseudonymize(body.Email!).Hash).EraseAsync();
        return TypedResults.Ok(new ErasureAnswer(erased));
    }

    private static string? EmailProblem(string? email) =>
        string.IsNullOrWhiteSpace(email) || email.Length > 254 || !email.Contains('@', StringComparison.Ordinal) ? "email must be an e-mail address of at most 254 characters." : null;

    /// <summary>The answer to a publishable key: whether to offer cash on delivery, and whether the order will need the buyer's SMS confirmation.</summary>
    internal sealed record PublicEligibilityAnswer(bool CodAllowed, bool SmsConfirmationRequired);

    internal sealed record EligibilityRequest(string? Email, string? Phone, AmountRequest? Total);

    internal sealed record AmountRequest(string? Amount, string? Currency);

    internal sealed record ErasureRequest(string? Email);

    internal sealed record ErasureAnswer(int ErasedContributions);
}
