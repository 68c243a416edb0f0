using OrleansShop.Effects;
using OrleansShop.Grains.Sandbox;
using OrleansShop.Silo.Http;
using OrleansShop.Silo.Problems;

namespace OrleansShop.Silo.Endpoints.Shipping;

/// <summary>
/// The sandbox carrier of the embedded default (admin): the parcels it holds, and a buyer refusing
/// one, so the not-collected path can be tried without a courier.
/// </summary>
internal static class ShippingApi
{
    public static IEndpointRouteBuilder MapShippingApi(this IEndpointRouteBuilder endpoints)
    {
        var sandbox = endpoints.MapGroup("/v1/sandbox/shipments").AddEndpointFilter<AdminAuthorization>().AddEndpointFilter<SandboxOnly>();
        sandbox.MapGet(string.Empty, async (IGrainFactory grains) => TypedResults.Ok(await grains.GetGrain<ISandboxCarrierGrain>("all").ListAsync()));
        sandbox.MapPost("/{cargoKey}/refuse", RefuseAsync);
        return endpoints;
    }

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

        return await grains.GetGrain<ISandboxCarrierGrain>("all").RefuseAsync(cargoKey, body.Reason.Trim())
            ? TypedResults.Ok(new { cargoKey, refused = true })
            : TypedResults.Problem($"No sandbox parcel '{cargoKey}' that can still be refused.", statusCode: StatusCodes.Status404NotFound, title: "Not found", type: ProblemTypes.NotFound);
    }

    internal sealed record RefuseRequest(string? Reason);
}
