using OrleansShop.Effects;
using OrleansShop.Grains.Sandbox;
using OrleansShop.Silo.Problems;

namespace OrleansShop.Silo.Endpoints.Invoicing;

/// <summary>docs/http-api.md, Operations: what the sandbox invoicer of the embedded default has issued (admin; sandbox mode only).</summary>
internal static class SandboxInvoicesApi
{
    public static IEndpointRouteBuilder MapSandboxInvoicesApi(this IEndpointRouteBuilder endpoints)
    {
        var sandbox = endpoints.MapGroup("/v1/sandbox/invoices").AddEndpointFilter<AdminAuthorization>().AddEndpointFilter<SandboxOnly>();
        sandbox.MapGet(string.Empty, ListAsync);
        sandbox.MapGet("/{id}", GetAsync);
        return endpoints;
    }

    /// <param name="shopId">Only this shop's documents, when given.</param>
    private static async Task<IResult> ListAsync(string? shopId, IGrainFactory grains)
    {
        var invoices = await grains.GetGrain<ISandboxInvoiceGrain>("all").ListAsync();
        return TypedResults.Ok(shopId is null ? invoices : [.. invoices.Where(i => i.ShopId == shopId)]);
    }

    private static async Task<IResult> GetAsync(string id, IGrainFactory grains) =>
        (await grains.GetGrain<ISandboxInvoiceGrain>("all").ListAsync()).FirstOrDefault(i => i.Id == id) is { } invoice
            ? TypedResults.Ok(invoice)
            : TypedResults.Problem($"The sandbox invoicer has no document '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found", type: ProblemTypes.NotFound);
}
