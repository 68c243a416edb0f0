using System.Security.Cryptography;
using System.Text;
using OrleansShop.Effects;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Endpoints.Checkout;
using OrleansShop.Silo.Hosting;
using OrleansShop.Silo.Problems;

namespace OrleansShop.Silo.Endpoints;

/// <summary>
/// Admits a request to a shop's routes with the admin token or that shop's own API key. Any other
/// token — another shop's key included — gets the same 404 as an unknown shop, so keys cannot be
/// used to probe which shops exist. No token at all is a 401. The shop's publishable key
/// (<c>pk_…</c>) is admitted only where the endpoint says so (<see cref="PublishableKeyAllowed"/>:
/// cod-eligibility), within its rate; on every other route of its shop it is a 403.
/// </summary>
internal sealed class ShopAccess(SiloSecrets secrets, IGrainFactory grains, PublishableKeyRateLimits publishableLimits) : IEndpointFilter
{
    private const string ShopItem = "orleansshop.shop";
    private const string AdminItem = "orleansshop.admin";
    private const string PublishableItem = "orleansshop.publishable";
    private readonly byte[] _adminHash = SHA256.HashData(Encoding.UTF8.GetBytes(secrets.AdminToken));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (BearerToken.Read(http.Request) is not { } token)
        {
            return AdminAuthorization.Unauthorized(http);
        }

        var shopId = http.GetRouteValue("shopId") as string ?? string.Empty;
        var shop = ShopIds.IsValid(shopId) ? await grains.GetGrain<IShopGrain>(shopId).GetAsync() : null;
        var tokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(token)); // once, for both checks
        var isAdmin = CryptographicOperations.FixedTimeEquals(tokenHash, _adminHash);
        var publishable = shop is not null && !isAdmin && shop.IsPublishableKey(token);
        if (shop is null || !(isAdmin || publishable || shop.AcceptsApiKeyHash(tokenHash)))
        {
            return ShopNotFound(shopId);
        }

        if (publishable)
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<PublishableKeyAllowed>() is null)
            {
                return TypedResults.Problem("A publishable key may only ask cod-eligibility; this route takes the shop's API key.", statusCode: StatusCodes.Status403Forbidden,
                    title: "Forbidden", type: ProblemTypes.Forbidden);
            }

            if (!publishableLimits.TryAcquire(shop.ShopId, out var retryAfter))
            {
                http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem("This shop's publishable key asks more often than its rate allows; retry shortly.", statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests", type: ProblemTypes.RateLimited);
            }
        }

        http.Items[ShopItem] = shop;
        http.Items[AdminItem] = isAdmin;
        http.Items[PublishableItem] = publishable;
        return await next(context);
    }

    /// <summary>Whether the request was admitted with the shop's publishable key: its answers say as little as they can.</summary>
    public static bool IsPublishable(HttpContext context) => context.Items[PublishableItem] is true;

    /// <summary>The shop the filter admitted the request to.</summary>
    public static ShopSnapshot Shop(HttpContext context) => (ShopSnapshot)context.Items[ShopItem]!;

    /// <summary>Whether the request was admitted with the admin token rather than the shop's own key.</summary>
    public static bool IsAdmin(HttpContext context) => context.Items[AdminItem] is true;

    public static IResult ShopNotFound(string shopId) =>
        TypedResults.Problem($"No shop '{shopId}' is visible with these credentials.", statusCode: StatusCodes.Status404NotFound, title: "Not found", type: ProblemTypes.NotFound);
}

/// <summary>Endpoint metadata: the shop's publishable key may call this route (within its rate) besides the admin token and the shop's API key.</summary>
internal sealed class PublishableKeyAllowed
{
    public static PublishableKeyAllowed Instance { get; } = new();
}

internal static class ShopIds
{
    /// <summary><c>[a-z0-9-]{1,64}</c>.</summary>
    public static bool IsValid(string shopId) =>
        shopId.Length is >= 1 and <= 64 && shopId.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
