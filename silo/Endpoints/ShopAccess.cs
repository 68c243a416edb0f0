using System.Security.Cryptography;
using System.Text;
using OrleansShop.Effects;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Hosting;
using OrleansShop.Silo.Problems;

namespace OrleansShop.Silo.Endpoints;

/// <summary>
/// Admits a request to a shop's routes with the admin token or that shop's own API key. Any other
/// token — another shop's key included — gets the same 404 as an unknown shop, so keys cannot be
/// used to probe which shops exist. No token at all is a 401.
/// </summary>
internal sealed class ShopAccess(SiloSecrets secrets, IGrainFactory grains) : IEndpointFilter
{
    private const string ShopItem = "orleansshop.shop";
    private const string AdminItem = "orleansshop.admin";
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
        if (shop is null || !(isAdmin || shop.AcceptsApiKeyHash(tokenHash)))
        {
            return ShopNotFound(shopId);
        }

        http.Items[ShopItem] = shop;
        http.Items[AdminItem] = isAdmin;
        return await next(context);
    }

    /// <summary>The shop the filter admitted the request to.</summary>
    public static ShopSnapshot Shop(HttpContext context) => (ShopSnapshot)context.Items[ShopItem]!;

    /// <summary>Whether the request was admitted with the admin token rather than the shop's own key.</summary>
    public static bool IsAdmin(HttpContext context) => context.Items[AdminItem] is true;

    public static IResult ShopNotFound(string shopId) =>
        TypedResults.Problem($"No shop '{shopId}' is visible with these credentials.", statusCode: StatusCodes.Status404NotFound, title: "Not found", type: ProblemTypes.NotFound);
}

internal static class ShopIds
{
    /// <summary><c>[a-z0-9-]{1,64}</c>.</summary>
    public static bool IsValid(string shopId) =>
        shopId.Length is >= 1 and <= 64 && shopId.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
