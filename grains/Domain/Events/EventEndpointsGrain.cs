using System.Security.Cryptography;
using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Grains.Privacy;
using OrleansShop.Grains.Shops;

namespace OrleansShop.Grains.Events;

public sealed record EventEndpointsState
{
    public IReadOnlyList<StoredEventEndpoint> Endpoints { get; init; } = [];
}

/// <param name="SealedSecret">The signing secret, sealed with the cluster's sealing key and bound to this shop and endpoint.</param>
public sealed record StoredEventEndpoint(string Id, string Url, IReadOnlyList<string> Events, string? Description, string SealedSecret, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset SecretSetAt);

/// <summary>
/// A shop's event endpoints. Secrets are kept sealed at rest, as the shop's own secrets are, opened
/// in memory at activation, and sealed again with the current key when an older one sealed them.
/// </summary>
public sealed class EventEndpointsGrain([PersistentState("eventendpoints")] IPersistentState<GrainRecord<EventEndpointsState>> state, EmailSealer sealer)
    : EffectGrain<EventEndpointsState>(state), IEventEndpointsGrain
{
    private const string SecretPrefix = "whsec_";

    /// <summary>Each endpoint's secret, in memory only.</summary>
    private readonly Dictionary<string, string> _secrets = new(StringComparer.Ordinal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        var reseal = false;
        foreach (var endpoint in State.Endpoints)
        {
            _secrets[endpoint.Id] = sealer.Unseal(endpoint.SealedSecret, SealingContext(endpoint.Id)) ?? throw new InvalidOperationException(
                $"The event endpoints of shop '{GetPrimaryKeyString()}': a secret is sealed with key version {EmailSealer.KeyVersionOf(endpoint.SealedSecret)}, which does not open it here. Keep every earlier key in Privacy:Sealing:Keys.");
            reseal |= !sealer.IsCurrent(endpoint.SealedSecret);
        }

        if (reseal)
        {
            State = State with { Endpoints = [.. State.Endpoints.Select(e => e with { SealedSecret = sealer.Seal(_secrets[e.Id], SealingContext(e.Id)) })] };
            await WriteStateAsync();
        }
    }

    public async Task<EventEndpointWithSecret?> CreateAsync(EventEndpointSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (State.Endpoints.Count >= EventEndpoints.MaxPerShop)
        {
            return null;
        }

        var now = TimeProvider.GetUtcNow();
        var id = "ep_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = NewSecret();
        var endpoint = new StoredEventEndpoint(id, spec.Url, spec.Events, spec.Description, sealer.Seal(secret, SealingContext(id)), now, now, now);
        State = State with { Endpoints = [.. State.Endpoints, endpoint] };
        await WriteStateAsync();
        _secrets[id] = secret;
        return new EventEndpointWithSecret(View(endpoint), secret);
    }

    public Task<IReadOnlyList<EventEndpointView>> ListAsync() => Task.FromResult<IReadOnlyList<EventEndpointView>>([.. State.Endpoints.Select(View)]);

    public Task<EventEndpointView?> GetAsync(string endpointId) => Task.FromResult(Find(endpointId) is { } endpoint ? View(endpoint) : null);

    public async Task<EventEndpointView?> UpdateAsync(string endpointId, EventEndpointSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (Find(endpointId) is not { } endpoint)
        {
            return null;
        }

        var updated = endpoint with { Url = spec.Url, Events = spec.Events, Description = spec.Description, UpdatedAt = TimeProvider.GetUtcNow() };
        Replace(updated);
        await WriteStateAsync();
        return View(updated);
    }

    public async Task<bool> DeleteAsync(string endpointId)
    {
        if (Find(endpointId) is null)
        {
            return false;
        }

        State = State with { Endpoints = [.. State.Endpoints.Where(e => e.Id != endpointId)] };
        await WriteStateAsync();
        _secrets.Remove(endpointId);
        return true;
    }

    public async Task<EventEndpointWithSecret?> RotateSecretAsync(string endpointId)
    {
        if (Find(endpointId) is not { } endpoint)
        {
            return null;
        }

        var now = TimeProvider.GetUtcNow();
        var secret = NewSecret();
        var rotated = endpoint with { SealedSecret = sealer.Seal(secret, SealingContext(endpointId)), UpdatedAt = now, SecretSetAt = now };
        Replace(rotated);
        await WriteStateAsync();
        _secrets[endpointId] = secret;
        return new EventEndpointWithSecret(View(rotated), secret);
    }

    public async Task<IReadOnlyList<EventSubscriber>> SubscribersAsync(IReadOnlyList<string> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var subscribers = new List<EventSubscriber>();
        foreach (var endpoint in State.Endpoints)
        {
            var taken = types.Where(t => ShopEventTypes.Covers(endpoint.Events, t)).ToArray();
            if (taken.Length > 0)
            {
                subscribers.Add(new EventSubscriber(endpoint.Id, taken));
            }
        }

        var invoiceTypes = types.Where(EventEndpoints.InvoiceCallbackTypes.ContainsKey).ToArray();
        if (invoiceTypes.Length > 0 && await InvoiceCallbackAsync() is not null)
        {
            subscribers.Add(new EventSubscriber(EventEndpoints.InvoiceCallbackId, invoiceTypes));
        }

        return subscribers;
    }

    public async Task<EventTarget?> TargetAsync(string endpointId, string type)
    {
        if (endpointId == EventEndpoints.InvoiceCallbackId)
        {
            return EventEndpoints.InvoiceCallbackTypes.TryGetValue(type, out var wireType) && await InvoiceCallbackAsync() is { } callback
                ? new EventTarget(callback.Url, callback.Secret, wireType, InvoiceCallback: true)
                : null;
        }

        return Find(endpointId) is { } endpoint && ShopEventTypes.Covers(endpoint.Events, type) && _secrets.TryGetValue(endpointId, out var secret)
            ? new EventTarget(endpoint.Url, secret, type, InvoiceCallback: false)
            : null;
    }

    /// <summary>The shop's <c>invoicing.callbackUrl</c> with its secret, as the shop holds them now; null without either.</summary>
    private async Task<(string Url, string Secret)?> InvoiceCallbackAsync()
    {
        var shop = await GrainFactory.GetGrain<IShopGrain>(GetPrimaryKeyString()).GetAsync();
        return shop?.Settings is { Invoicing.CallbackUrl: { } url } settings && InvoiceCallbackSecret.Of(settings) is { } secret ? (url, secret) : null;
    }

    private StoredEventEndpoint? Find(string endpointId) => State.Endpoints.FirstOrDefault(e => e.Id == endpointId);

    private void Replace(StoredEventEndpoint endpoint) =>
        State = State with { Endpoints = [.. State.Endpoints.Select(e => e.Id == endpoint.Id ? endpoint : e)] };

    private string SealingContext(string endpointId) => $"event-endpoint:{GetPrimaryKeyString()}/{endpointId}";

    private static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static EventEndpointView View(StoredEventEndpoint e) => new(e.Id, e.Url, e.Events, e.Description, e.CreatedAt, e.UpdatedAt, e.SecretSetAt);
}

/// <summary>A shop's invoice callback secret (<c>whsec_</c> + base64), kept write-only among its credentials as <c>invoicingCallback</c>.</summary>
public sealed record InvoiceCallbackSecret(string? Secret)
{
    public const string Section = "invoicingCallback";

    public static string? Of(ShopSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Credentials.TryGetValue(Section, out var section) && section.Deserialize<InvoiceCallbackSecret>(GrainJson.Options) is { Secret.Length: > 0 } found ? found.Secret : null;
    }
}
