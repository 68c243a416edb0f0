using Microsoft.Extensions.Options;

namespace OrleansShop.Effects;

/// <summary>
/// How effects are delivered and retried. Section <c>Dispatcher</c> (the name these settings had
/// before effects moved into grain state, kept so that existing configuration still applies).
/// </summary>
public sealed class EffectOptions
{
    public const string SectionName = "Dispatcher";

    /// <summary>
    /// Whether grains on this silo deliver their effects. Default true. False keeps them waiting in
    /// grain state (for maintenance, and for tests of a crash between a write and its delivery);
    /// they go out once the grain is active on a silo that delivers.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The longest one delivery attempt may take. Default 30 seconds.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts before an effect becomes a dead letter. Default 10.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The first retry delay; each later one doubles, with jitter. Default 2 seconds.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest retry delay. Default 1 hour.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a grain remembers the deliveries it has answered (webhooks, effect messages). Default 7 days.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// The period of the reminder that re-drives a grain's pending effects after a crash, while it
    /// has any. At least Orleans' <c>ReminderOptions.MinimumReminderPeriod</c>. Default 1 minute.
    /// </summary>
    public TimeSpan RedriveInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long after its last delivery a grain writes down that its effects are delivered. Default 1 second.</summary>
    public TimeSpan SettleDelay { get; set; } = TimeSpan.FromSeconds(1);
}

internal sealed class EffectOptionsValidator : IValidateOptions<EffectOptions>
{
    public ValidateOptionsResult Validate(string? name, EffectOptions options) =>
        (options.DeliveryTimeout <= TimeSpan.Zero ? "Dispatcher:DeliveryTimeout must be positive."
        : options.MaxAttempts < 1 ? "Dispatcher:MaxAttempts must be at least 1."
        : options.BaseDelay <= TimeSpan.Zero || options.MaxDelay < options.BaseDelay ? "Dispatcher:BaseDelay must be positive and at most Dispatcher:MaxDelay."
        : options.InboxRetention <= TimeSpan.Zero ? "Dispatcher:InboxRetention must be positive."
        : options.RedriveInterval <= TimeSpan.Zero ? "Dispatcher:RedriveInterval must be positive."
        : options.SettleDelay < TimeSpan.Zero ? "Dispatcher:SettleDelay must not be negative."
        : null) is { } failure ? ValidateOptionsResult.Fail(failure) : ValidateOptionsResult.Success;
}
