using System.Threading.RateLimiting;
using OrleansShop.Gateway.Hosting;
using OrleansShop.Gateway.Routing;

namespace OrleansShop.Gateway.RateLimiting;

/// <summary>
/// A token bucket per shop in front of the silos, so one noisy shop is refused at the door (429)
/// instead of taking the cluster's capacity. A request is let through while its shop has tokens
/// left and spends one by what the silo answered: a delivery refused for its signature (401) spends
/// none, so that anyone who knows a shop's address cannot use up the shop's own rate (the silos
/// limit such failures apart). Routes of no shop are not limited here. Requests from a storefront's
/// checkout page — a publishable key (<c>Bearer pk_…</c>) or a CORS preflight — have a bucket of
/// their own beside the shop's: anyone can read a publishable key from the page, and must not be
/// able to spend the shop's own rate with it (the silos limit each publishable key too).
/// </summary>
internal sealed class ShopRateLimiting(RequestDelegate next, ShopBuckets buckets)
{
    /// <summary>The same problem type the silos answer for their own webhook limit.</summary>
    public const string ProblemType = "/problems/rate-limited";

    public async Task InvokeAsync(HttpContext context)
    {
        if (RoutingKey.ShopOf(context.Request.Path) is not { } shopId)
        {
            await next(context);
            return;
        }

        var shop = IsFromStorefront(context.Request) ? StorefrontPrefix + shopId : shopId;

        if (!buckets.TryEnter(shop))
        {
            context.Response.Headers.RetryAfter = "1";
            await TypedResults.Problem("This shop sends more requests than its rate allows; retry shortly.", statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", type: ProblemType)
                .ExecuteAsync(context);
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            buckets.Leave(shop, spend: context.Response.StatusCode != StatusCodes.Status401Unauthorized);
        }
    }

    /// <summary>The bucket of a shop's storefront requests is its own, named apart from any shop id (shop ids have no colon).</summary>
    private const string StorefrontPrefix = "storefront:";

    /// <summary>A request with a publishable key, or a CORS preflight (which carries no key at all).</summary>
    internal static bool IsFromStorefront(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer pk_", StringComparison.OrdinalIgnoreCase)
        || (HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method"));
}

/// <summary>
/// The shops' token buckets (section <c>Gateway:RateLimit</c>). A request in flight holds a place
/// against its shop's tokens, so that many sent at once cannot all pass before any has spent one.
/// </summary>
internal sealed class ShopBuckets(ShopRateLimitOptions limits) : IDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);

    private readonly PartitionedRateLimiter<string> _buckets = PartitionedRateLimiter.Create<string, string>(shop => RateLimitPartition.GetTokenBucketLimiter(shop, _ => new TokenBucketRateLimiterOptions
    {
        TokenLimit = limits.Burst,
        TokensPerPeriod = limits.PermitsPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
    }));

    /// <summary>Whether the shop has a token left for one more request beside those in flight; when true, <see cref="Leave"/> must follow.</summary>
    public bool TryEnter(string shop)
    {
        var inFlight = _inFlight.AddOrUpdate(shop, 1, static (_, count) => count + 1);
        if (inFlight <= (_buckets.GetStatistics(shop)?.CurrentAvailablePermits ?? limits.Burst))
        {
            return true;
        }

        Leave(shop, spend: false);
        return false;
    }

    /// <summary>The request is answered: it spends a token unless <paramref name="spend"/> is false.</summary>
    public void Leave(string shop, bool spend)
    {
        if (_inFlight.AddOrUpdate(shop, 0, static (_, count) => count - 1) == 0)
        {
            _inFlight.TryRemove(KeyValuePair.Create(shop, 0)); // no entry stays behind for an address nobody uses
        }

        if (spend)
        {
            using var lease = _buckets.AttemptAcquire(shop);
        }
    }

    public void Dispose() => _buckets.Dispose();
}
