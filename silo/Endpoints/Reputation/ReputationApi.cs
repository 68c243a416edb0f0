using OrleansShop.Effects;
using OrleansShop.Grains.Privacy;
using OrleansShop.Grains.Reputation;
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
        endpoints.MapPost("/v1/shops/{shopId}/cod-eligibility", EligibilityAsync).AddEndpointFilter<ShopAccess>().Produces<EligibilityAnswer>();
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
        return TypedResults.Ok(answer);
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

    internal sealed record EligibilityRequest(string? Email, string? Phone, AmountRequest? Total);

    internal sealed record AmountRequest(string? Amount, string? Currency);

    internal sealed record ErasureRequest(string? Email);

    internal sealed record ErasureAnswer(int ErasedContributions);
}
