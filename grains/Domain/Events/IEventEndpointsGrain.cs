using Orleans.Concurrency;

namespace OrleansShop.Grains.Events;

/// <summary>
/// The endpoints one shop has subscribed to its events, with their signing secrets (sealed at rest).
/// Key: the shop id. Grains that produce an event ask it who is subscribed as they commit; the
/// connector asks it where, and with which secret, just before each delivery.
/// </summary>
public interface IEventEndpointsGrain : IGrainWithStringKey
{
    /// <summary>A new endpoint, answered once with its secret; null when the shop already has <see cref="EventEndpoints.MaxPerShop"/>.</summary>
    Task<EventEndpointWithSecret?> CreateAsync(EventEndpointSpec spec);

    Task<IReadOnlyList<EventEndpointView>> ListAsync();

    Task<EventEndpointView?> GetAsync(string endpointId);

    /// <summary>Replaces the endpoint's url, events and description; its secret stays. Null for an unknown endpoint.</summary>
    Task<EventEndpointView?> UpdateAsync(string endpointId, EventEndpointSpec spec);

    /// <summary>Whether it existed. Deliveries still pending for it are dropped when they come due.</summary>
    Task<bool> DeleteAsync(string endpointId);

    /// <summary>A new secret; the old one signs nothing more. Null for an unknown endpoint.</summary>
    Task<EventEndpointWithSecret?> RotateSecretAsync(string endpointId);

    /// <summary>
    /// Who receives events of these <paramref name="types"/> now: each endpoint with the types it takes
    /// among them, and the invoice callback (<see cref="EventEndpoints.InvoiceCallbackId"/>) for the
    /// invoice types when the shop has <c>invoicing.callbackUrl</c> and its secret.
    /// </summary>
    [ReadOnly]
    Task<IReadOnlyList<EventSubscriber>> SubscribersAsync(IReadOnlyList<string> types);

    /// <summary>Where one delivery goes and how it is signed, read at delivery; null when the endpoint is gone or no longer takes the type.</summary>
    [ReadOnly]
    Task<EventTarget?> TargetAsync(string endpointId, string type);
}

/// <param name="Events">Event types, or <see cref="ShopEventTypes.All"/>.</param>
public sealed record EventEndpointSpec(string Url, IReadOnlyList<string> Events, string? Description);

/// <summary>An endpoint as the API shows it: never its secret.</summary>
public sealed record EventEndpointView(string Id, string Url, IReadOnlyList<string> Events, string? Description, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset SecretSetAt);

/// <summary>An endpoint with its secret (<c>whsec_…</c>): only as it is created or its secret rotated.</summary>
public sealed record EventEndpointWithSecret(EventEndpointView Endpoint, string Secret);

public sealed record EventSubscriber(string EndpointId, IReadOnlyList<string> Types);

/// <param name="WireType">The event's type as this endpoint is sent it (the invoice callback keeps its own names).</param>
[Immutable]
public sealed record EventTarget(string Url, string Secret, string WireType, bool InvoiceCallback);

public static class EventEndpoints
{
    /// <summary>The most endpoints one shop may subscribe.</summary>
    public const int MaxPerShop = 20;

    /// <summary>The subscriber id of the shop's <c>invoicing.callbackUrl</c>, which takes the invoice types under its own names.</summary>
    public const string InvoiceCallbackId = "invoicing-callback";

    /// <summary>The invoice callback's types, as it has always been sent them: the credit note is <c>invoice.credited</c> there.</summary>
    public static IReadOnlyDictionary<string, string> InvoiceCallbackTypes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ShopEventTypes.InvoiceIssued] = "invoice.issued",
        [ShopEventTypes.InvoiceFailed] = "invoice.failed",
        [ShopEventTypes.InvoiceCreditNoteIssued] = "invoice.credited",
        [ShopEventTypes.InvoiceCreditFailed] = "invoice.credit_failed",
    };
}
