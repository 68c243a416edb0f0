using OrleansShop.Silo.Problems;
using OrleansShop.Silo.Shipping.Labels;

namespace OrleansShop.Silo.Endpoints.Orders;

/// <summary>
/// docs/http-api.md, Shipping label: the printable label of an order's parcel, a one-page PDF
/// (100 × 150 mm) with the cargo key as a Code 128 barcode, the sender, the receiver and the amount
/// to collect. Made on each request from the order as it is; never cached.
/// </summary>
internal static class ShippingLabelApi
{
    public static IEndpointRouteBuilder MapShippingLabelApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/shops/{shopId}/orders/{orderId}/label.pdf", GetAsync)
            .AddEndpointFilter<ShopAccess>()
            .Produces<Stream>(StatusCodes.Status200OK, ShippingLabelResults.ContentType) // a binary string in the OpenAPI document
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    private static async Task<IResult> GetAsync(string shopId, string orderId, HttpContext context, ShippingLabels labels)
    {
        var lookup = await labels.FindAsync(ShopAccess.Shop(context), orderId);
        return lookup switch
        {
            { Label: { } label } => ShippingLabelResults.Pdf(context, label, orderId),
            { Refusal: LabelRefusal.NoOrder } => TypedResults.Problem(lookup.Detail, statusCode: StatusCodes.Status404NotFound, title: "Not found", type: ProblemTypes.NotFound),
            _ => TypedResults.Problem(lookup.Detail, statusCode: StatusCodes.Status409Conflict, title: "No shipping label yet", type: ProblemTypes.Conflict),
        };
    }
}

/// <summary>The label as an HTTP answer, for the API and the console.</summary>
internal static class ShippingLabelResults
{
    public const string ContentType = "application/pdf";

    /// <summary>The PDF, shown in the browser (to print) rather than saved, and never stored by a cache: it carries the buyer's address.</summary>
    public static IResult Pdf(HttpContext context, ShippingLabel label, string orderId)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.ContentDisposition = $"inline; filename=\"{ShippingLabels.FileName(orderId)}\"";
        return TypedResults.Bytes(ShippingLabelPdf.Render(label), ContentType);
    }
}
