using OrleansShop.Runtime;

namespace OrleansShop.Grains.Shops;

public sealed record ShopState
{
    public ShopSettings? Settings { get; init; }

    public string ApiKeyHash { get; init; } = string.Empty;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

public sealed class ShopGrain(IPersistentState<ShopState> state) : Grain, IShopGrain
{
    public async Task<ShopConfigured> ConfigureAsync(ShopSettings settings)
    {
        var now = TimeProvider.GetUtcNow();
        var created = state.State.Settings is null;
        string? apiKey = null;
        if (created)
        {
            apiKey = ApiKeys.Generate();
            state.State = new ShopState { Settings = settings, ApiKeyHash = ApiKeys.Hash(apiKey), CreatedAt = now, UpdatedAt = now };
        }
        else
        {
            state.State = state.State with { Settings = settings, UpdatedAt = now };
        }

        // Listed for work that goes shop by shop (polling each shop's SMS inbox).
        Index.Set(ShopIndex.Name, ShopIndex.Partition, GetPrimaryKeyString(), settings.Credentials.ContainsKey("smsGateway") ? ShopIndex.SmsGatewayTag : null, "{}");
        await state.WriteStateAsync();
        return new ShopConfigured(created, apiKey, Snapshot(settings));
    }

    public async Task<string?> RotateApiKeyAsync()
    {
        if (state.State.Settings is null)
        {
            return null;
        }

        var apiKey = ApiKeys.Generate();
        state.State = state.State with { ApiKeyHash = ApiKeys.Hash(apiKey), UpdatedAt = TimeProvider.GetUtcNow() };
        await state.WriteStateAsync();
        return apiKey;
    }

    public Task<ShopSnapshot?> GetAsync() => Task.FromResult(state.State.Settings is { } settings ? Snapshot(settings) : null);

    private ShopSnapshot Snapshot(ShopSettings settings) =>
        new(GetPrimaryKeyString(), settings, state.State.ApiKeyHash, state.State.CreatedAt, state.State.UpdatedAt);
}

/// <summary>The index of all shops; its tag marks shops with their own SMS gateway account.</summary>
public static class ShopIndex
{
    public const string Name = "shops";
    public const string Partition = "all";
    public const string SmsGatewayTag = "sms-gateway";
}
