using OrleansShop.Effects;
using OrleansShop.Grains.Sandbox;

namespace OrleansShop.Silo.Endpoints.Reviews;

/// <summary>The sandbox Trusted Shops of the embedded default: what it would have sent (admin).</summary>
internal static class ReviewsApi
{
    public static IEndpointRouteBuilder MapReviewsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/sandbox/reviews", async (IGrainFactory grains) => TypedResults.Ok(await grains.GetGrain<ISandboxReviewsGrain>("all").ListAsync()))
            .AddEndpointFilter<AdminAuthorization>()
            .AddEndpointFilter<SandboxOnly>();
        return endpoints;
    }
}
