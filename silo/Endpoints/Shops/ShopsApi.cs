using OrleansShop.Effects;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Http;

namespace OrleansShop.Silo.Endpoints.Shops;

/// <summary>
/// docs/http-api.md, Shops: create or update a shop (admin; its Trusted Shops settings are checked
/// as they are saved), read it without secrets, rotate its key.
/// </summary>
internal static class ShopsApi
{
    public static IEndpointRouteBuilder MapShopsApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/v1/shops/{shopId}").AddEndpointFilter<AdminAuthorization>();
        admin.MapPut(string.Empty, PutAsync);
        admin.MapPost("/api-keys", RotateKeyAsync);
        endpoints.MapGet("/v1/shops/{shopId}", (HttpContext context) => TypedResults.Ok(ShopView.From(ShopAccess.Shop(context))))
            .AddEndpointFilter<ShopAccess>();
        return endpoints;
    }

    private static async Task<IResult> PutAsync(string shopId, HttpRequest request, IGrainFactory grains, ReviewAccountChecks checks)
    {
        if (!ShopIds.IsValid(shopId))
        {
            return JsonRequest.Invalid("shopId", "shopId must match [a-z0-9-]{1,64}.");
        }

        var (body, problem) = await JsonRequest.ReadAsync<ShopRequest>(request, ApiJson.Options);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (ShopRequestValidation.Validate(body!, errors) is not { } settings)
        {
            return JsonRequest.Invalid(errors);
        }

        var configured = await grains.GetGrain<IShopGrain>(shopId).ConfigureAsync(settings);
        var shop = await checks.CheckIfNeededAsync(configured.Shop, request.HttpContext.RequestAborted);
        return configured.Created
            ? TypedResults.Created($"/v1/shops/{shopId}", new ShopCreated(shopId, configured.ApiKey!, ShopView.From(shop)))
            : TypedResults.Ok(ShopView.From(shop));
    }

    private static async Task<IResult> RotateKeyAsync(string shopId, IGrainFactory grains) =>
        ShopIds.IsValid(shopId) && await grains.GetGrain<IShopGrain>(shopId).RotateApiKeyAsync() is { } key
            ? TypedResults.Ok(new ApiKeyRotated(shopId, key))
            : ShopAccess.ShopNotFound(shopId);

    /// <summary>Answer to a create: the only time the API key is shown.</summary>
    internal sealed record ShopCreated(string ShopId, string ApiKey, ShopView Shop);

    internal sealed record ApiKeyRotated(string ShopId, string ApiKey);
}
