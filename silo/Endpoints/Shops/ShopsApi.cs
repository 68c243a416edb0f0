using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansShop.Effects;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Http;
using OrleansShop.Silo.Problems;

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
        endpoints.MapPatch("/v1/shops/{shopId}", PatchAsync).AddEndpointFilter<ShopAccess>();
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

    /// <summary>
    /// Fields only the admin token may change: which platform's webhooks the shop takes is set up by
    /// the operator (a wrong profile refuses every delivery). docs/http-api.md lists them.
    /// </summary>
    internal static readonly IReadOnlySet<string> AdminOnlyFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "webhooks.profile" };

    /// <summary>
    /// <c>PATCH</c> with a JSON merge patch: applied to the shop's configuration as it is, secrets
    /// included, then validated like a <c>PUT</c>. What the patch does not name is kept.
    /// </summary>
    private static async Task<IResult> PatchAsync(string shopId, HttpContext context, IGrainFactory grains, ReviewAccountChecks checks)
    {
        if (context.Request.ContentType is { } type && !type.StartsWith("application/merge-patch+json", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem("A shop is patched with a JSON merge patch: Content-Type: application/merge-patch+json.", statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type", type: ProblemTypes.UnsupportedMediaType);
        }

        var (body, problem) = await JsonRequest.ReadAsync<JsonObject>(context.Request, ApiJson.Options);
        if (problem is not null)
        {
            return problem;
        }

        if (!ShopAccess.IsAdmin(context) && JsonMergePatch.Paths(body!).FirstOrDefault(p => AdminOnlyFields.Any(f => p.Equals(f, StringComparison.OrdinalIgnoreCase) || f.StartsWith(p + ".", StringComparison.OrdinalIgnoreCase))) is { } adminOnly)
        {
            return TypedResults.Problem($"{adminOnly} is changed with the admin token only.", statusCode: StatusCodes.Status403Forbidden, title: "Admin only",
                type: ProblemTypes.Forbidden, extensions: new Dictionary<string, object?> { ["field"] = adminOnly });
        }

        var shop = ShopAccess.Shop(context);
        var merged = JsonMergePatch.Apply(JsonSerializer.SerializeToNode(ShopRequest.From(shop.Settings), ApiJson.Options), body);
        ShopRequest? request;
        try
        {
            request = merged.Deserialize<ShopRequest>(ApiJson.Options);
        }
        catch (JsonException exception)
        {
            return JsonRequest.Invalid(exception.Path is { Length: > 2 } path ? path[2..] : "body", "The value is missing, malformed or of the wrong type.");
        }

        var errors = new Dictionary<string, string[]>();
        if (request is null || ShopRequestValidation.Validate(request, errors) is not { } settings)
        {
            return JsonRequest.Invalid(errors);
        }

        var configured = await grains.GetGrain<IShopGrain>(shopId).ConfigureAsync(settings);
        return TypedResults.Ok(ShopView.From(await checks.CheckIfNeededAsync(configured.Shop, context.RequestAborted)));
    }

    private static async Task<IResult> RotateKeyAsync(string shopId, IGrainFactory grains) =>
        ShopIds.IsValid(shopId) && await grains.GetGrain<IShopGrain>(shopId).RotateApiKeyAsync() is { } key
            ? TypedResults.Ok(new ApiKeyRotated(shopId, key))
            : ShopAccess.ShopNotFound(shopId);

    /// <summary>Answer to a create: the only time the API key is shown.</summary>
    internal sealed record ShopCreated(string ShopId, string ApiKey, ShopView Shop);

    internal sealed record ApiKeyRotated(string ShopId, string ApiKey);
}
