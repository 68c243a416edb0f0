using Microsoft.AspNetCore.Http.HttpResults;
using OrleansShop.Silo.Hosting;
using OrleansShop.Silo.Problems;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Endpoints;

internal static class HealthApi
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        // Alive: the process serves HTTP. Nothing else is checked, so an orchestrator never
        // restarts a silo only because its database is down.
        endpoints.MapGet("/healthz", () => TypedResults.Ok(new HealthStatus("alive")));

        // Ready: the schema is migrated, the Orleans silo runs, the database answers now and the silo is not leaving.
        endpoints.MapGet("/readyz", ReadyAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<HealthStatus>, ProblemHttpResult>> ReadyAsync(
        StorageInitializer initializer, ShopDatabase storage, SiloIdentity silo, IHostApplicationLifetime lifetime, HttpContext context)
    {
        if (silo.IsLeaving)
        {
            // Gateways probing readiness stop routing here while in-flight requests drain.
            context.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem("This silo is leaving the cluster.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Leaving", type: ProblemTypes.Leaving);
        }

        if (!initializer.IsReady)
        {
            return NotReady(context, $"Storage ({storage.Provider}) is not initialised: {initializer.LastError ?? "starting"}");
        }

        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return NotReady(context, "The Orleans silo is starting.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(PingTimeout);
        try
        {
            await initializer.PingAsync(timeout.Token);
            return TypedResults.Ok(new HealthStatus("ready"));
        }
        catch (Exception exception) when (storage.IsUnavailable(exception) || exception is OperationCanceledException)
        {
            return NotReady(context, $"Storage ({storage.Provider}) is unreachable.");
        }
    }

    private static ProblemHttpResult NotReady(HttpContext context, string detail)
    {
        context.Response.Headers.RetryAfter = "5";
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready", type: ProblemTypes.StorageUnavailable);
    }

    internal sealed record HealthStatus(string Status);
}
