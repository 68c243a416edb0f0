using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using OrleansShop.Grains.Shops;

namespace OrleansShop.Silo.Endpoints.Checkout;

/// <summary>
/// CORS for the checkout snippet: a browser may call a shop's cod-eligibility from the origins in
/// the shop's <c>checkout.allowedOrigins</c> and from no other. The policy is the shop's, read from
/// its grain for each cross-origin request (its preflight included), so a change of the setting
/// applies at once on the server; browsers keep a preflight's answer for <see cref="CheckoutOptions.PreflightMaxAgeSeconds"/>.
/// </summary>
internal sealed class CheckoutCors(IGrainFactory grains, IOptions<CheckoutOptions> options) : ICorsPolicyProvider
{
    /// <summary>The policy name the checkout routes require.</summary>
    public const string PolicyName = "checkout";

    /// <summary>
    /// For the checkout routes always a policy, with no origin allowed for an unknown shop: with no
    /// policy at all, CORS would let a preflight through to the endpoint instead of answering it.
    /// No policy for any other route (CORS asks for a default one): no other route answers a browser of another origin.
    /// </summary>
    public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (policyName != PolicyName)
        {
            return null;
        }

        var policy = new CorsPolicyBuilder()
            .WithMethods(HttpMethods.Post)
            .WithHeaders("Authorization", "Content-Type")
            .SetPreflightMaxAge(TimeSpan.FromSeconds(options.Value.PreflightMaxAgeSeconds));
        if (context.GetRouteValue("shopId") is string shopId && ShopIds.IsValid(shopId)
            && await grains.GetGrain<IShopGrain>(shopId).GetAsync() is { Settings.Checkout.AllowedOrigins: { Count: > 0 } origins })
        {
            policy.WithOrigins([.. origins]);
        }

        return policy.Build();
    }
}
