using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Console.Authentication;
using OrleansShop.Silo.Endpoints;
using OrleansShop.Silo.Endpoints.Orders;
using OrleansShop.Silo.Shipping.Labels;

namespace OrleansShop.Silo.Console;

/// <summary>
/// The order page's "Shipping label" link: the same PDF as the API's <c>label.pdf</c>, under
/// <c>/console</c> so the console's session cookie reaches it. A shop the user may not see, or an
/// order it does not have, is a 404 as everywhere in the console; no label yet is a 409 saying why.
/// </summary>
internal static class ConsoleShippingLabels
{
    public static IEndpointRouteBuilder MapConsoleShippingLabels(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/console/shops/{shopId}/orders/{orderId}/label.pdf", GetAsync)
            .RequireAuthorization(ConsoleUser.Policy)
            .ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> GetAsync(string shopId, string orderId, HttpContext context, IGrainFactory grains, ShippingLabels labels)
    {
        var visible = ConsoleUser.From(context.User) is { } user && user.MaySee(shopId) && ShopIds.IsValid(shopId);
        if (!visible || await grains.GetGrain<IShopGrain>(shopId).GetAsync() is not { } shop)
        {
            return TypedResults.NotFound();
        }

        var lookup = await labels.FindAsync(shop, orderId);
        return lookup switch
        {
            { Label: { } label } => ShippingLabelResults.Pdf(context, label, orderId),
            { Refusal: LabelRefusal.NoOrder } => TypedResults.NotFound(),
            _ => TypedResults.Text(lookup.Detail, "text/plain; charset=utf-8", statusCode: StatusCodes.Status409Conflict),
        };
    }
}
