using OrleansShop.Grains.Events;
using OrleansShop.Silo.Endpoints.Shops;
using OrleansShop.Silo.Http;
using OrleansShop.Silo.Problems;

namespace OrleansShop.Silo.Endpoints.Events;

/// <summary>
/// docs/http-api.md, Events OrleansShop sends: the endpoints a shop subscribes to its events, with
/// the admin token or the shop's API key (its publishable key is refused). An endpoint's secret is
/// answered once, as it is created or rotated.
/// </summary>
internal static class EventEndpointsApi
{
    private const int MaxDescription = 200;

    public static IEndpointRouteBuilder MapEventEndpointsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/shops/{shopId}/event-endpoints").AddEndpointFilter<ShopAccess>();
        group.MapPost(string.Empty, CreateAsync);
        group.MapGet(string.Empty, ListAsync);
        group.MapGet("/{endpointId}", GetAsync);
        group.MapPut("/{endpointId}", UpdateAsync);
        group.MapDelete("/{endpointId}", DeleteAsync);
        group.MapPost("/{endpointId}/secret", RotateSecretAsync);
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(string shopId, HttpRequest request, IGrainFactory grains)
    {
        var (spec, problem) = await ReadAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        return await grains.GetGrain<IEventEndpointsGrain>(shopId).CreateAsync(spec!) is { } created
            ? TypedResults.Created($"/v1/shops/{shopId}/event-endpoints/{created.Endpoint.Id}", EndpointAnswer.From(created.Endpoint, created.Secret))
            : TypedResults.Problem($"A shop has at most {EventEndpoints.MaxPerShop} event endpoints; delete one first.", statusCode: StatusCodes.Status409Conflict,
                title: "Conflict", type: ProblemTypes.Conflict);
    }

    private static async Task<IResult> ListAsync(string shopId, IGrainFactory grains) =>
        TypedResults.Ok(new EndpointList([.. (await grains.GetGrain<IEventEndpointsGrain>(shopId).ListAsync()).Select(e => EndpointAnswer.From(e))]));

    private static async Task<IResult> GetAsync(string shopId, string endpointId, IGrainFactory grains) =>
        await grains.GetGrain<IEventEndpointsGrain>(shopId).GetAsync(endpointId) is { } endpoint ? TypedResults.Ok(EndpointAnswer.From(endpoint)) : NotFound(endpointId);

    private static async Task<IResult> UpdateAsync(string shopId, string endpointId, HttpRequest request, IGrainFactory grains)
    {
        var (spec, problem) = await ReadAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        return await grains.GetGrain<IEventEndpointsGrain>(shopId).UpdateAsync(endpointId, spec!) is { } endpoint ? TypedResults.Ok(EndpointAnswer.From(endpoint)) : NotFound(endpointId);
    }

    private static async Task<IResult> DeleteAsync(string shopId, string endpointId, IGrainFactory grains) =>
        await grains.GetGrain<IEventEndpointsGrain>(shopId).DeleteAsync(endpointId) ? TypedResults.NoContent() : NotFound(endpointId);

    private static async Task<IResult> RotateSecretAsync(string shopId, string endpointId, IGrainFactory grains) =>
        await grains.GetGrain<IEventEndpointsGrain>(shopId).RotateSecretAsync(endpointId) is { } rotated
            ? TypedResults.Ok(EndpointAnswer.From(rotated.Endpoint, rotated.Secret))
            : NotFound(endpointId);

    /// <summary>The body of a create or an update, checked field by field: every invalid one is named.</summary>
    private static async Task<(EventEndpointSpec? Spec, IResult? Problem)> ReadAsync(HttpRequest request)
    {
        var (body, problem) = await JsonRequest.ReadAsync<EventEndpointRequest>(request, ApiJson.Options);
        if (problem is not null)
        {
            return (null, problem);
        }

        var errors = new Dictionary<string, string[]>();
        var url = body!.Url?.Trim();
        if (url is null || !ShopRequestValidation.IsWebAddress(url))
        {
            errors["url"] = ["url is an absolute http(s) URL of at most 2000 characters, without user info."];
        }

        var events = body.Events?.Select(e => e?.Trim()).ToArray();
        if (events is not { Length: > 0 })
        {
            errors["events"] = [$"events lists the event types to receive, or \"{ShopEventTypes.All}\" for all of them."];
        }
        else
        {
            for (var i = 0; i < events.Length; i++)
            {
                if (events[i] is not { } type || (type != ShopEventTypes.All && !ShopEventTypes.Catalog.Contains(type)))
                {
                    errors[$"events[{i}]"] = [$"Not an event type: one of {string.Join(", ", ShopEventTypes.Catalog)}, or \"{ShopEventTypes.All}\"."];
                }
            }
        }

        var description = string.IsNullOrWhiteSpace(body.Description) ? null : body.Description.Trim();
        if (description is { Length: > MaxDescription })
        {
            errors["description"] = [$"description has at most {MaxDescription} characters."];
        }

        return errors.Count > 0
            ? (null, JsonRequest.Invalid(errors))
            : (new EventEndpointSpec(url!, [.. events!.Select(e => e!).Distinct(StringComparer.Ordinal)], description), null);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFound(string endpointId) =>
        TypedResults.Problem($"No event endpoint '{endpointId}' in this shop.", statusCode: StatusCodes.Status404NotFound, title: "Not found", type: ProblemTypes.NotFound);

    internal sealed record EventEndpointRequest(string? Url, IReadOnlyList<string?>? Events, string? Description);

    internal sealed record EndpointList(IReadOnlyList<EndpointAnswer> Items);

    /// <param name="Secret">Only in the answers of a create and a rotation.</param>
    internal sealed record EndpointAnswer(string Id, string Url, IReadOnlyList<string> Events, string? Description, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset SecretSetAt, string? Secret)
    {
        public static EndpointAnswer From(EventEndpointView e, string? secret = null) => new(e.Id, e.Url, e.Events, e.Description, e.CreatedAt, e.UpdatedAt, e.SecretSetAt, secret);
    }
}
