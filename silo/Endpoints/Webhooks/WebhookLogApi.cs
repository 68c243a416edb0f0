using Microsoft.AspNetCore.Http.HttpResults;
using OrleansShop.Silo.Problems;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Endpoints.Webhooks;

/// <summary>docs/http-api.md, Delivery log: every webhook and payment notification a shop's address received, accepted or refused.</summary>
internal static class WebhookLogApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static readonly IReadOnlySet<string> Outcomes = new HashSet<string>(StringComparer.Ordinal) { "applied", "ignored", "rejected", "deferred", "duplicate", "refused" };

    public static IEndpointRouteBuilder MapWebhookLogApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/shops/{shopId}/webhook-deliveries", ListAsync).AddEndpointFilter<ShopAccess>();
        return endpoints;
    }

    private static async Task<Results<Ok<ReceiptPage>, ValidationProblem>> ListAsync(
        string shopId, string? outcome, int? limit, long? after, WebhookReceiptLog log, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (outcome is not null && !Outcomes.Contains(outcome))
        {
            errors["outcome"] = [$"outcome must be one of {string.Join(", ", Outcomes)}."];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        if (after is < 1)
        {
            errors["after"] = ["after must be the 'next' value of a previous page."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        }

        var take = limit ?? DefaultLimit;
        var receipts = await log.ListAsync(shopId, outcome, after, take, cancellationToken);
        return TypedResults.Ok(new ReceiptPage([.. receipts.Select(ReceiptView.From)], receipts.Count == take ? receipts[^1].Id : null));
    }

    internal sealed record ReceiptPage(IReadOnlyList<ReceiptView> Items, long? Next);

    internal sealed record ReceiptView(long Id, string Profile, string? EventId, DateTimeOffset ReceivedAt, int Status, string Outcome, string? Reason, long Size, double LatencyMs)
    {
        public static ReceiptView From(WebhookReceipt r) => new(r.Id, r.Profile, r.EventId, r.ReceivedAt, r.Status, r.Outcome, r.Reason, r.Size, Math.Round(r.LatencyMs, 2));
    }
}
