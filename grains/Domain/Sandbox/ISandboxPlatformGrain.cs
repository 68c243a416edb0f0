namespace OrleansShop.Grains.Sandbox;

/// <summary>
/// The SANDBOX shop platform of the embedded default: it stands in for the shops' Shopify,
/// WooCommerce or Ideasoft admin and keeps what each order was told (the latest 500), in the cluster
/// database so every silo shows the same list. Like a platform's own order, it takes each fact of
/// an order once: a repeat changes nothing. Key: <c>all</c>.
/// </summary>
public interface ISandboxPlatformGrain : IGrainWithStringKey
{
    /// <summary>Records <paramref name="write"/> unless its order already has its fact; answers whether it was new.</summary>
    Task<bool> RecordAsync(SandboxPlatformWrite write);

    Task<IReadOnlyList<SandboxPlatformEntry>> ListAsync();
}

/// <param name="Platform">The platform it stands in for: the shop's <c>webhooks.profile</c>.</param>
/// <param name="Status">The platform status the order was moved to; null when it was not moved.</param>
public sealed record SandboxPlatformWrite(string ShopId, string OrderId, string Platform, string Fact, IReadOnlyList<string> Tags, string Note, string? Status, bool Cancelled);

public sealed record SandboxPlatformEntry(string Id, DateTimeOffset At, string ShopId, string OrderId, string Platform, string Fact, IReadOnlyList<string> Tags, string Note, string? Status, bool Cancelled);
