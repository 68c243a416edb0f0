using Microsoft.AspNetCore.Diagnostics;
using Orleans.Storage;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Problems;

/// <summary>
/// Turns exceptions into problem+json: an unreachable database, a stopping silo or a turn that
/// timed out is 503 with Retry-After (platforms retry), anything else 500 without details.
/// </summary>
internal sealed partial class ExceptionProblemHandler(IProblemDetailsService problems, ShopDatabase storage, ILogger<ExceptionProblemHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, type, detail) = exception switch
        {
            _ when storage.IsUnavailable(exception) => (503, ProblemTypes.StorageUnavailable, "Storage is unavailable; retry later."),
            SiloUnavailableException or OrleansMessageRejectionException => (503, ProblemTypes.StorageUnavailable, "The grain's silo is unavailable; retry."),
            TimeoutException => (503, ProblemTypes.Timeout, "The request did not complete in time; retry."),
            InconsistentStateException => (503, ProblemTypes.Conflict, "The request lost a race with a concurrent update; retry."),
            _ => (500, ProblemTypes.Internal, "An unexpected error occurred."),
        };

        if (status == 500)
        {
            LogUnhandled(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        }

        httpContext.Response.StatusCode = status;
        if (status == 503)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Type = type, Title = detail, Detail = detail },
        });
    }

    [LoggerMessage(1, LogLevel.Error, "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);
}
