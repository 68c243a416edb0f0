using OrleansShop.Effects;
using OrleansShop.Grains.Sandbox;
using OrleansShop.Silo.Endpoints.Sms;
using OrleansShop.Silo.Http;
using OrleansShop.Silo.Problems;

namespace OrleansShop.Silo.Endpoints.Sandbox;

/// <summary>
/// docs/http-api.md, Sandbox: what the sandbox providers of the embedded default would have done,
/// and the two things a sandbox stands in for a person to do — a buyer replying by SMS and refusing
/// a parcel (admin). Mapped in sandbox mode; in live mode every <c>/v1/sandbox/…</c> path answers 404.
/// </summary>
internal static class SandboxApi
{
    public static IEndpointRouteBuilder MapSandboxApi(this IEndpointRouteBuilder endpoints, bool sandbox)
    {
        var group = endpoints.MapGroup("/v1/sandbox").AddEndpointFilter<AdminAuthorization>();
        if (!sandbox)
        {
            group.Map("/{**path}", () => TypedResults.Problem("The sandbox is off: Providers:Mode is live.", statusCode: StatusCodes.Status404NotFound, title: "Not found", type: ProblemTypes.NotFound));
            return endpoints;
        }

        group.MapGet("/sms", async (IGrainFactory grains) => TypedResults.Ok(await grains.GetGrain<ISandboxSmsGrain>(SandboxLogs.Key).ListAsync()));
        group.MapPost("/sms/reply", ReplyAsync);
        group.MapGet("/mail", async (IGrainFactory grains) => TypedResults.Ok(await grains.GetGrain<ISandboxMailGrain>(SandboxLogs.Key).ListAsync()));
        group.MapGet("/shipments", async (IGrainFactory grains) => TypedResults.Ok(await grains.GetGrain<ISandboxCarrierGrain>(SandboxLogs.Key).ListAsync()));
        group.MapPost("/shipments/{cargoKey}/refuse", RefuseAsync);
        group.MapGet("/invoices", ListInvoicesAsync);
        group.MapGet("/invoices/{id}", GetInvoiceAsync);
        group.MapGet("/reputation/signals", async (IGrainFactory grains) => TypedResults.Ok(await grains.GetGrain<ISandboxReputationGrain>(SandboxLogs.Key).ListAsync()));
        group.MapGet("/platform", ListPlatformAsync);
        group.MapGet("/reviews", async (IGrainFactory grains) => TypedResults.Ok(await grains.GetGrain<ISandboxReviewsGrain>(SandboxLogs.Key).ListAsync()));
        return endpoints;
    }

    /// <summary>A buyer's reply, as if the SMS gateway had pushed it.</summary>
    private static async Task<IResult> ReplyAsync(HttpRequest request, InboundSmsPath inbound, TimeProvider time)
    {
        var (body, problem) = await JsonRequest.ReadAsync<ReplyRequest>(request, ApiJson.Options);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body!.From) || body.Text is null)
        {
            return JsonRequest.Invalid(string.IsNullOrWhiteSpace(body.From) ? "from" : "text", "from and text are required.");
        }

        return TypedResults.Ok(await inbound.HandleAsync(body.From, null, body.Text, $"sandbox-{Guid.NewGuid():N}", time.GetUtcNow()));
    }

    /// <summary>The buyer refuses a parcel, so the not-collected path can be tried without a courier.</summary>
    private static async Task<IResult> RefuseAsync(string cargoKey, HttpRequest request, IGrainFactory grains)
    {
        var (body, problem) = await JsonRequest.ReadAsync<RefuseRequest>(request, ApiJson.Options);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body!.Reason) || body.Reason.Length > 200)
        {
            return JsonRequest.Invalid("reason", "reason is required, at most 200 characters.");
        }

        return await grains.GetGrain<ISandboxCarrierGrain>(SandboxLogs.Key).RefuseAsync(cargoKey, body.Reason.Trim())
            ? TypedResults.Ok(new { cargoKey, refused = true })
            : TypedResults.Problem($"No sandbox parcel '{cargoKey}' that can still be refused.", statusCode: StatusCodes.Status404NotFound, title: "Not found", type: ProblemTypes.NotFound);
    }

    /// <param name="shopId">Only what this shop's orders were told, when given.</param>
    private static async Task<IResult> ListPlatformAsync(string? shopId, IGrainFactory grains)
    {
        var writes = await grains.GetGrain<ISandboxPlatformGrain>(SandboxLogs.Key).ListAsync();
        return TypedResults.Ok(shopId is null ? writes : [.. writes.Where(w => w.ShopId == shopId)]);
    }

    /// <param name="shopId">Only this shop's documents, when given.</param>
    private static async Task<IResult> ListInvoicesAsync(string? shopId, IGrainFactory grains)
    {
        var invoices = await grains.GetGrain<ISandboxInvoiceGrain>(SandboxLogs.Key).ListAsync();
        return TypedResults.Ok(shopId is null ? invoices : [.. invoices.Where(i => i.ShopId == shopId)]);
    }

    private static async Task<IResult> GetInvoiceAsync(string id, IGrainFactory grains) =>
        (await grains.GetGrain<ISandboxInvoiceGrain>(SandboxLogs.Key).ListAsync()).FirstOrDefault(i => i.Id == id) is { } invoice
            ? TypedResults.Ok(invoice)
            : TypedResults.Problem($"The sandbox invoicer has no document '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found", type: ProblemTypes.NotFound);

    internal sealed record ReplyRequest(string? From, string? Text);

    internal sealed record RefuseRequest(string? Reason);
}
