using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Grains.Privacy;
using OrleansShop.Grains.Reviews;

namespace OrleansShop.Grains.Shops;

public sealed record ShopState
{
    /// <summary>The shop's settings without their secrets: the webhook secret is blank and there are no credentials.</summary>
    public ShopSettings? Settings { get; init; }

    /// <summary>The webhook secret and the provider credentials, sealed with the cluster's sealing key and bound to this shop.</summary>
    public string? SealedSecrets { get; init; }

    public string ApiKeyHash { get; init; } = string.Empty;

    /// <summary>The storefront's publishable key (<c>pk_…</c>), public by nature; shops created before it had one get one at activation.</summary>
    public string? PublishableKey { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>What the review provider said of the reviews settings as they are; cleared when they change.</summary>
    public ReviewAccountCheck? ReviewsCheck { get; init; }

    /// <summary>Whether the shop's key hash is in <see cref="ShopIndex.ByKey"/> (shops created before that index are added at activation).</summary>
    public bool KeyListed { get; init; }
}

/// <summary>
/// A shop's configuration. Its secrets are kept sealed at rest (<see cref="ShopState.SealedSecrets"/>)
/// and opened in memory at activation; a shop sealed with an older key, or saved before secrets were
/// sealed, is sealed again with the current key when it activates.
/// </summary>
public sealed class ShopGrain([PersistentState("shop")] IPersistentState<GrainRecord<ShopState>> state, EmailSealer sealer) : EffectGrain<ShopState>(state), IShopGrain
{
    /// <summary>The settings with their secrets, in memory only.</summary>
    private ShopSettings? _settings;

    public async Task<ShopConfigured> ConfigureAsync(ShopSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var now = TimeProvider.GetUtcNow();
        var created = State.Settings is null;
        string? apiKey = null;
        if (created)
        {
            apiKey = ApiKeys.Generate();
            State = new ShopState { ApiKeyHash = ApiKeys.Hash(apiKey), PublishableKey = PublishableKeys.Generate(), CreatedAt = now, UpdatedAt = now };
        }
        else
        {
            State = State with { UpdatedAt = now, ReviewsCheck = ReviewsUnchanged(_settings, settings) ? State.ReviewsCheck : null };
        }

        settings = settings with { Webhooks = settings.Webhooks.After(_settings?.Webhooks, now) };
        Keep(settings);

        ListKey();

        // Listed for work that goes shop by shop (polling each shop's SMS inbox) and for operators picking a shop.
        var listing = JsonSerializer.Serialize(new ShopListing(settings.Name), GrainJson.Options);
        Index.Set(ShopIndex.Name, ShopIndex.Partition, GetPrimaryKeyString(), settings.Credentials.ContainsKey("smsGateway") ? ShopIndex.SmsGatewayTag : null, listing);
        await WriteStateAsync();
        return new ShopConfigured(created, apiKey, Snapshot(settings));
    }

    public async Task<string?> RotateApiKeyAsync()
    {
        if (_settings is null)
        {
            return null;
        }

        var apiKey = ApiKeys.Generate();
        State = State with { ApiKeyHash = ApiKeys.Hash(apiKey), UpdatedAt = TimeProvider.GetUtcNow() };
        ListKey();
        await WriteStateAsync();
        return apiKey;
    }

    public async Task<string?> RotatePublishableKeyAsync()
    {
        if (_settings is null)
        {
            return null;
        }

        var key = PublishableKeys.Generate();
        State = State with { PublishableKey = key, UpdatedAt = TimeProvider.GetUtcNow() };
        await WriteStateAsync();
        return key;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (State.Settings is not { } kept)
        {
            return;
        }

        _settings = State.SealedSecrets is { } sealedSecrets ? Open(kept, sealedSecrets) : kept;
        var reseal = State.SealedSecrets is null || !sealer.IsCurrent(State.SealedSecrets);
        var unlisted = !State.KeyListed;
        var withoutPublishableKey = State.PublishableKey is null;
        if (reseal)
        {
            Keep(_settings);
        }

        if (withoutPublishableKey)
        {
            State = State with { PublishableKey = PublishableKeys.Generate() };
        }

        if (unlisted)
        {
            ListKey();
        }

        if (reseal || unlisted || withoutPublishableKey)
        {
            await WriteStateAsync();
        }
    }

    /// <summary>Holds <paramref name="settings"/> in memory, and in the state without its secrets, which are sealed with the current key.</summary>
    private void Keep(ShopSettings settings)
    {
        _settings = settings;
        var secrets = JsonSerializer.Serialize(new ShopSecrets(settings.Webhooks.Secret, settings.Credentials, settings.Webhooks.PreviousSecret), GrainJson.Options);
        State = State with
        {
            Settings = settings with { Webhooks = settings.Webhooks with { Secret = string.Empty, PreviousSecret = null }, Credentials = new Dictionary<string, JsonElement>() },
            SealedSecrets = sealer.Seal(secrets, SealingContext),
        };
    }

    private ShopSettings Open(ShopSettings kept, string sealedSecrets)
    {
        var opened = sealer.Unseal(sealedSecrets, SealingContext) ?? throw new InvalidOperationException(
            $"Shop '{GetPrimaryKeyString()}': its secrets are sealed with key version {EmailSealer.KeyVersionOf(sealedSecrets)}, which does not open them here. Keep every earlier key in Privacy:Sealing:Keys.");
        var secrets = JsonSerializer.Deserialize<ShopSecrets>(opened, GrainJson.Options)!;
        return kept with { Webhooks = kept.Webhooks with { Secret = secrets.WebhookSecret, PreviousSecret = secrets.PreviousWebhookSecret }, Credentials = secrets.Credentials };
    }

    private string SealingContext => $"shop-secrets:{GetPrimaryKeyString()}";

    /// <summary>The key's hash in the index the console's sign-in finds a shop by; the shop's one row there is replaced on rotation.</summary>
    private void ListKey()
    {
        Index.Set(ShopIndex.ByKey, ShopIndex.Partition, State.ApiKeyHash, null, "{}");
        State = State with { KeyListed = true };
    }

    public Task<ShopSnapshot?> GetAsync() => Task.FromResult(_settings is { } settings ? Snapshot(settings) : null);

    public async Task<ShopSnapshot?> RecordReviewsCheckAsync(ReviewAccountCheck check, DateTimeOffset settingsSavedAt)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (_settings is not { } settings || State.UpdatedAt != settingsSavedAt)
        {
            return null;
        }

        State = State with { ReviewsCheck = check };
        await WriteStateAsync();
        return Snapshot(settings);
    }

    /// <summary>Whether a check of <paramref name="before"/> still speaks for <paramref name="after"/>: the same reviews settings, credentials and url.</summary>
    private static bool ReviewsUnchanged(ShopSettings? before, ShopSettings after) =>
        before is not null && before.Reviews == after.Reviews && before.Url == after.Url
        && before.Credentials.TryGetValue(ReviewCredentials, out var was) == after.Credentials.TryGetValue(ReviewCredentials, out var now)
        && was.ValueKind == now.ValueKind && (was.ValueKind == JsonValueKind.Undefined || was.GetRawText() == now.GetRawText());

    private const string ReviewCredentials = "reviews";

    /// <summary>The shop as readers see it: a replaced webhook secret is left out once it is no longer accepted.</summary>
    private ShopSnapshot Snapshot(ShopSettings settings)
    {
        if (settings.Webhooks.PreviousSecretUntil is { } until && until <= TimeProvider.GetUtcNow())
        {
            settings = settings with { Webhooks = settings.Webhooks with { PreviousSecret = null, PreviousSecretSetAt = null, PreviousSecretUntil = null } };
        }

        return new(GetPrimaryKeyString(), settings, State.ApiKeyHash, State.CreatedAt, State.UpdatedAt, State.ReviewsCheck, State.PublishableKey);
    }
}

/// <summary>What <see cref="ShopState.SealedSecrets"/> opens to.</summary>
internal sealed record ShopSecrets(string WebhookSecret, IReadOnlyDictionary<string, JsonElement> Credentials, string? PreviousWebhookSecret = null);

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
