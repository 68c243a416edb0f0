namespace OrleansShop.Runtime.Hosting;

/// <summary>How activations and turns behave. Section <c>Runtime</c>.</summary>
public sealed class GrainRuntimeOptions
{
    /// <summary>An activation unused for this long is collected. Default 15 minutes, as in Orleans.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the collector looks for idle activations. Default 1 minute.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A caller waits this long for its turn to finish (queueing included). Default 30 seconds.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The shortest period of a repeating reminder. Default 1 minute, as in Orleans.</summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a graceful stop waits for running turns. Default 20 seconds.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    internal static string? Validate(GrainRuntimeOptions o) =>
        o.CollectionAge <= TimeSpan.Zero ? "Runtime:CollectionAge must be positive."
        : o.CollectionQuantum <= TimeSpan.Zero ? "Runtime:CollectionQuantum must be positive."
        : o.CallTimeout <= TimeSpan.Zero ? "Runtime:CallTimeout must be positive."
        : o.MinimumReminderPeriod <= TimeSpan.Zero ? "Runtime:MinimumReminderPeriod must be positive."
        : o.DrainTimeout < TimeSpan.Zero ? "Runtime:DrainTimeout must not be negative."
        : null;
}
