namespace OrleansShop.Runtime.Hosting;

/// <summary>How this silo's outbox dispatcher claims and delivers rows. Section <c>Dispatcher</c>.</summary>
public sealed class DispatcherOptions
{
    /// <summary>Whether this silo delivers outbox rows at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Rows claimed per round trip. Default 64.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Deliveries in flight at once. Default 16.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 16;

    /// <summary>How often an idle dispatcher looks for due rows committed by other silos. Default 1 second.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claim lasts; a silo that dies holding one loses it after this. Default 60 seconds.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest one delivery may take; shorter than <see cref="Lease"/>. Default 30 seconds.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts before a row becomes a dead letter. Default 10.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The first retry delay; each later one doubles, with jitter. Default 2 seconds.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest retry delay. Default 1 hour.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long inbox rows (answers of deduplicated deliveries) are kept. Default 7 days.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often old inbox rows are purged. Default 10 minutes.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMinutes(10);

    internal static string? Validate(DispatcherOptions o) =>
        o.BatchSize < 1 ? "Dispatcher:BatchSize must be at least 1."
        : o.MaxConcurrentDeliveries < 1 ? "Dispatcher:MaxConcurrentDeliveries must be at least 1."
        : o.PollInterval <= TimeSpan.Zero ? "Dispatcher:PollInterval must be positive."
        : o.DeliveryTimeout <= TimeSpan.Zero || o.DeliveryTimeout >= o.Lease ? "Dispatcher:DeliveryTimeout must be positive and shorter than Dispatcher:Lease."
        : o.MaxAttempts < 1 ? "Dispatcher:MaxAttempts must be at least 1."
        : o.BaseDelay <= TimeSpan.Zero || o.MaxDelay < o.BaseDelay ? "Dispatcher:BaseDelay must be positive and at most Dispatcher:MaxDelay."
        : o.InboxRetention <= TimeSpan.Zero ? "Dispatcher:InboxRetention must be positive."
        : o.MaintenanceInterval <= TimeSpan.Zero ? "Dispatcher:MaintenanceInterval must be positive."
        : null;
}
