using Microsoft.Extensions.Options;
using OrleansShop.Silo.Connectors;
using OrleansShop.Silo.Problems;

namespace OrleansShop.Silo.Endpoints;

/// <summary>The sandbox routes exist only while the providers are the sandbox ones.</summary>
internal sealed class SandboxOnly(IOptions<ProvidersOptions> providers) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        providers.Value.IsSandbox
            ? next(context)
            : ValueTask.FromResult<object?>(TypedResults.Problem("The sandbox is off: Providers:Mode is live.", statusCode: StatusCodes.Status404NotFound, title: "Not found", type: ProblemTypes.NotFound));
}
