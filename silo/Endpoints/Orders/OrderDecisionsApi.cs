using OrleansShop.Grains.Orders;
using OrleansShop.Silo.Http;
using OrleansShop.Silo.Problems;

namespace OrleansShop.Silo.Endpoints.Orders;

/// <summary>
/// docs/http-api.md, Decisions by hand: the merchant confirms or cancels an order awaiting SMS
/// confirmation (the buyer confirmed by phone, say) or held below the shop's COD threshold, or
/// releases a held one, with a reason kept in the history. The order then goes on like any other,
/// its outcome reported to the reputation network as usual.
/// </summary>
internal static class OrderDecisionsApi
{
    public const int MaxReasonLength = 500;

    public static IEndpointRouteBuilder MapOrderDecisionsApi(this IEndpointRouteBuilder endpoints)
    {
        var order = endpoints.MapGroup("/v1/shops/{shopId}/orders/{orderId}").AddEndpointFilter<ShopAccess>();
        order.MapPost("/confirm", (string shopId, string orderId, HttpRequest request, IGrainFactory grains) => DecideAsync(shopId, orderId, MerchantAction.Confirm, request, grains));
        order.MapPost("/cancel", (string shopId, string orderId, HttpRequest request, IGrainFactory grains) => DecideAsync(shopId, orderId, MerchantAction.Cancel, request, grains));
        order.MapPost("/release", (string shopId, string orderId, HttpRequest request, IGrainFactory grains) => DecideAsync(shopId, orderId, MerchantAction.Release, request, grains));
        return endpoints;
    }

    private static async Task<IResult> DecideAsync(string shopId, string orderId, MerchantAction action, HttpRequest request, IGrainFactory grains)
    {
        var (body, problem) = await JsonRequest.ReadAsync<DecisionRequest>(request, ApiJson.Options);
        if (problem is not null)
        {
            return problem;
        }

        if (ReasonProblem(body!.Reason) is { } invalid)
        {
            return JsonRequest.Invalid("reason", invalid);
        }

        return await DecideAsync(grains, shopId, orderId, new MerchantDecision(action, body.Reason!.Trim())) switch
        {
            null => TypedResults.Problem($"No order '{orderId}' in shop '{shopId}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found", type: ProblemTypes.NotFound),
            { Outcome: "rejected" } refused => TypedResults.Problem(Sentence(refused.Detail!), statusCode: StatusCodes.Status409Conflict, title: action == MerchantAction.Release ? "Not held" : "Not awaiting a decision", type: ProblemTypes.Conflict),
            var answer => TypedResults.Ok(answer),
        };
    }

    /// <summary>The decision as the console and the API make it.</summary>
    public static Task<EventAnswer?> DecideAsync(IGrainFactory grains, string shopId, string orderId, MerchantDecision decision) =>
        grains.GetGrain<IOrderGrain>(OrderKeys.For(shopId, orderId)).DecideAsync(decision);

    /// <summary>Null when <paramref name="reason"/> will do; otherwise what is wrong with it.</summary>
    public static string? ReasonProblem(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReasonLength
            ? $"reason is required: why, in at most {MaxReasonLength} characters (e.g. \"confirmed by phone\"). It is kept in the order's history."
            : null;

    private static string Sentence(string text) => char.ToUpperInvariant(text[0]) + text[1..] + ".";

    internal sealed record DecisionRequest(string? Reason);
}
