namespace OrleansShop.Gateway;

/// <summary>Section <c>Gateway</c>.</summary>
public sealed class GatewayOptions
{
    /// <summary>How often the membership table is read. Default 2 seconds.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A silo silent for longer is not routed to (<c>Membership:DeadAfter</c>, as on the silos). Default 15 seconds.</summary>
    public TimeSpan DeadAfter { get; set; } = TimeSpan.FromSeconds(15);
}
