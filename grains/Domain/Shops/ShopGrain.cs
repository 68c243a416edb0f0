using OrleansShop.Effects;

namespace OrleansShop.Grains.Shops;

public sealed record ShopState
{
    public ShopSettings? Settings { get; init; }

    public string ApiKeyHash { get; init; } = string.Empty;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Whether the shop's key hash is in <see cref="ShopIndex.ByKey"/> (shops created before that index are added at activation).</summary>
    public bool KeyListed { get; init; }
}

public sealed class ShopGrain([PersistentState("shop")] IPersistentState<GrainRecord<ShopState>> state) : EffectGrain<ShopState>(state), IShopGrain
{
    public async Task<ShopConfigured> ConfigureAsync(ShopSettings settings)
    {
        var now = TimeProvider.GetUtcNow();
        var created = State.Settings is null;
        string? apiKey = null;
        if (created)
        {
            apiKey = ApiKeys.Generate();
            State = new ShopState { Settings = settings, ApiKeyHash = ApiKeys.Hash(apiKey), CreatedAt = now, UpdatedAt = now };
        }
        else
        {
            State = State with { Settings = settings, UpdatedAt = now };
        }

        ListKey();

        // Listed for work that goes shop by shop (polling each shop's SMS inbox) and for operators picking a shop.
        var listing = System.Text.Json.JsonSerializer.Serialize(new ShopListing(settings.Name), GrainJson.Options);
        Index.Set(ShopIndex.Name, ShopIndex.Partition, GetPrimaryKeyString(), settings.Credentials.ContainsKey("smsGateway") ? ShopIndex.SmsGatewayTag : null, listing);
        await WriteStateAsync();
        return new ShopConfigured(created, apiKey, Snapshot(settings));
    }

    public async Task<string?> RotateApiKeyAsync()
    {
        if (State.Settings is null)
        {
            return null;
        }

        var apiKey = ApiKeys.Generate();
        State = State with { ApiKeyHash = ApiKeys.Hash(apiKey), UpdatedAt = TimeProvider.GetUtcNow() };
        ListKey();
        await WriteStateAsync();
        return apiKey;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (State is { Settings: not null, KeyListed: false })
        {
            ListKey();
            await WriteStateAsync();
        }
    }

    /// <summary>The key's hash in the index the console's sign-in finds a shop by; the shop's one row there is replaced on rotation.</summary>
    private void ListKey()
    {
        Index.Set(ShopIndex.ByKey, ShopIndex.Partition, State.ApiKeyHash, null, "{}");
        State = State with { KeyListed = true };
    }

    public Task<ShopSnapshot?> GetAsync() => Task.FromResult(State.Settings is { } settings ? Snapshot(settings) : null);

    private ShopSnapshot Snapshot(ShopSettings settings) =>
        new(GetPrimaryKeyString(), settings, State.ApiKeyHash, State.CreatedAt, State.UpdatedAt);
}

/// <summary>A shop as the index of all shops lists it.</summary>
public sealed record ShopListing(string Name);

/// <summary>The index of all shops, by id; its tag marks shops with their own SMS gateway account.</summary>
public static class ShopIndex
{
    public const string Name = "shops";
    public const string Partition = "all";
    public const string SmsGatewayTag = "sms-gateway";

    /// <summary>Shops by the SHA-256 (hex) of their API key: one row per shop, sorted by the hash, for signing in with a key alone.</summary>
    public const string ByKey = "shops-by-key";
}
