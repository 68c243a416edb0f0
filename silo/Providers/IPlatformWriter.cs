using System.Text;
using OrleansShop.Effects;

namespace OrleansShop.Silo.Providers;

/// <summary>
/// The shop's own platform, told what OrleansShop learned about one of its orders: the sandbox
/// platform (<see cref="Sandbox.SandboxPlatformWriter"/>) or the platform's admin API
/// (<see cref="Platforms.LivePlatformWriter"/>: Shopify, WooCommerce or Ideasoft), chosen once at
/// start-up from <c>Providers:Mode</c>.
/// </summary>
internal interface IPlatformWriter
{
    /// <summary>
    /// Makes the platform's order show <paramref name="update"/>: the tags it lacks are added, the
    /// note is added unless the order already has it, the status is set unless the order is already in
    /// it, the order is cancelled unless it already is. Each implementation reads before it writes, so
    /// a repeat (a retry after a lost answer, a silo killed mid-call) changes nothing.
    /// </summary>
    Task<DeliveryOutcome> WriteAsync(PlatformAccount account, PlatformUpdate update, CancellationToken cancellationToken);
}

/// <summary>
/// A shop's admin access to its platform, from its write-only <c>platformApi</c> credentials.
/// <see cref="ToString"/> leaves the secrets out.
/// </summary>
/// <param name="Platform"><c>shopify</c>, <c>woocommerce</c> or <c>ideasoft</c>: the shop's <c>webhooks.profile</c>.</param>
/// <param name="StoreUrl">The store's address (<c>https://demo.myshopify.com</c>, <c>https://shop.example</c>, <c>https://demo.myideasoft.com</c>); null when the shop gave none (only the sandbox can do without).</param>
/// <param name="AccessToken">Shopify's Admin API access token (<c>X-Shopify-Access-Token</c>) or Ideasoft's OAuth bearer token.</param>
/// <param name="ConsumerKey">WooCommerce's REST API consumer key (HTTP Basic user).</param>
/// <param name="ConsumerSecret">WooCommerce's REST API consumer secret (HTTP Basic password).</param>
internal sealed record PlatformAccount(string Platform, Uri? StoreUrl, string? AccessToken = null, string? ConsumerKey = null, string? ConsumerSecret = null)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Platform = ").Append(Platform).Append(", StoreUrl = ").Append(StoreUrl)
            .Append(", AccessToken = ").Append(AccessToken is null ? "(none)" : "(hidden)")
            .Append(", ConsumerKey = ").Append(ConsumerKey)
            .Append(", ConsumerSecret = ").Append(ConsumerSecret is null ? "(none)" : "(hidden)");
        return true;
    }
}

/// <summary>What one fact of one order makes the platform show.</summary>
/// <param name="OrderId">The platform's own order id (the id its webhooks carry).</param>
/// <param name="Fact">The fact's name (<c>cod-confirmed</c>, …), for logs and the sandbox.</param>
/// <param name="Tags">Tags the order should carry (Shopify); platforms without order tags get them in the note.</param>
/// <param name="Note">One line for the order's notes, unique to this fact of this order, so finding it on the order means it was written.</param>
/// <param name="Status">The platform's own status name to move the order to (WooCommerce, Ideasoft); null leaves the status alone.</param>
/// <param name="Cancel">Whether the order is to be cancelled (Shopify's <c>orderCancel</c>; on the others <paramref name="Status"/> names the shop's cancelled status).</param>
internal sealed record PlatformUpdate(string ShopId, string OrderId, string Reference, string Fact, IReadOnlyList<string> Tags, string Note, string? Status, bool Cancel);
