using System.Threading.RateLimiting;
using OrleansShop.Gateway.Routing;

namespace OrleansShop.Gateway.RateLimiting;

/// <summary>
/// A token bucket per shop in front of the silos, so one noisy shop is refused at the door (429)
/// instead of taking the cluster's capacity. Routes of no shop are not limited here.
/// </summary>
internal static class ShopRateLimiting
{
    public const string PolicyName = "per-shop";

    /// <summary>The same problem type the silos answer for their own webhook limit.</summary>
    public const string ProblemType = "/problems/rate-limited";

    public static IServiceCollection AddShopRateLimiter(this IServiceCollection services, ShopRateLimitOptions limits) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                await TypedResults.Problem("This shop sends more requests than its rate allows; retry shortly.", statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", type: ProblemType)
                    .ExecuteAsync(context.HttpContext);
            };
            options.AddPolicy(PolicyName, http => RoutingKey.ShopOf(http.Request.Path) is { } shop
                ? RateLimitPartition.GetTokenBucketLimiter(shop, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst,
                    TokensPerPeriod = limits.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(string.Empty));
        });
}
