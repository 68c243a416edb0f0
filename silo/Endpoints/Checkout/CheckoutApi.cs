using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Cors.Infrastructure;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Hosting;

namespace OrleansShop.Silo.Endpoints.Checkout;

/// <summary>
/// docs/http-api.md, Checkout: the storefront snippet. The script a storefront includes
/// (<c>/checkout/cod.js</c>), a page that shows how (<c>/checkout/example</c>), and the rotation of
/// the shop's publishable key, the only key such a page may carry.
/// </summary>
internal static partial class CheckoutApi
{
    public const string ScriptPath = "/checkout/cod.js";
    public const string ExamplePath = "/checkout/example";
    private const string ScriptResource = "OrleansShop.Silo.Checkout.cod.js";
    private const string ExampleResource = "OrleansShop.Silo.Checkout.example.html";

    public static IServiceCollection AddCheckout(this IServiceCollection services)
    {
        services.AddValidatedOptions<CheckoutOptions, CheckoutOptionsValidator>(CheckoutOptions.SectionName);
        services.AddSingleton<PublishableKeyRateLimits>();
        services.AddCors();
        services.AddSingleton<ICorsPolicyProvider, CheckoutCors>();
        return services;
    }

    public static IEndpointRouteBuilder MapCheckoutApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ScriptPath, ServeScript).ExcludeFromDescription();
        endpoints.MapGet(ExamplePath, ServeExample).ExcludeFromDescription();
        endpoints.MapPost("/v1/shops/{shopId}/publishable-keys", RotateAsync).AddEndpointFilter<ShopAccess>();
        return endpoints;
    }

    /// <summary>A new publishable key, with the admin token or the shop's API key (a publishable key cannot replace itself: the filter refuses it).</summary>
    private static async Task<IResult> RotateAsync(string shopId, IGrainFactory grains) =>
        await grains.GetGrain<IShopGrain>(shopId).RotatePublishableKeyAsync() is { } key
            ? TypedResults.Ok(new PublishableKeyRotated(shopId, key))
            : ShopAccess.ShopNotFound(shopId);

    /// <summary>The script: cacheable for an hour, revalidated by its ETag, never sniffed as anything else.</summary>
    private static IResult ServeScript(HttpContext context)
    {
        var (content, etag) = Script.Value;
        context.Response.Headers.CacheControl = "public, max-age=3600";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return context.Request.Headers.IfNoneMatch == etag
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Bytes(content, "text/javascript; charset=utf-8", entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue(etag));
    }

    /// <summary>
    /// The example storefront page. <c>shopId</c> and <c>key</c> in the query fill in its snippet when
    /// they are a shop id and a publishable key in form; otherwise it shows placeholders.
    /// </summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult ServeExample(HttpContext context, string? shopId, string? key)
    {
        var page = Example.Value
            .Replace("{{shopId}}", shopId is not null && ShopIds.IsValid(shopId) ? shopId : "YOUR_SHOP", StringComparison.Ordinal)
            .Replace("{{publishableKey}}", key is not null && PublishableKeyPattern().IsMatch(key) ? HtmlEncoder.Default.Encode(key) : "pk_YOUR_PUBLISHABLE_KEY", StringComparison.Ordinal);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; form-action 'self'";
        return TypedResults.Content(page, "text/html; charset=utf-8");
    }

    private static readonly Lazy<(byte[] Content, string ETag)> Script = new(() =>
    {
        var content = Resource(ScriptResource);
        return (content, $"\"{Convert.ToHexString(SHA256.HashData(content))[..16]}\"");
    });

    private static readonly Lazy<string> Example = new(() => Encoding.UTF8.GetString(Resource(ExampleResource)));

    private static byte[] Resource(string name)
    {
        using var stream = typeof(CheckoutApi).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The checkout snippet's {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [GeneratedRegex("^pk_[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex PublishableKeyPattern();

    internal sealed record PublishableKeyRotated(string ShopId, string PublishableKey);
}
