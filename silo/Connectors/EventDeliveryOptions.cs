using Microsoft.Extensions.Options;

namespace OrleansShop.Silo.Connectors;

/// <summary>
/// How events are posted to a shop's endpoints, its invoice callback among them. Section
/// <c>Events</c>; <see cref="LegacyTimeoutKey"/>, the invoice callback's own key from before it was
/// an endpoint, is still read when <c>Events:Timeout</c> is not given.
/// </summary>
public sealed class EventDeliveryOptions
{
    public const string SectionName = "Events";

    /// <summary>The old name of <see cref="Timeout"/>.</summary>
    public const string LegacyTimeoutKey = "Invoicing:Callback:Timeout";

    /// <summary>The longest an endpoint may take to answer; past it the delivery is tried again later. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Takes <see cref="EventDeliveryOptions.LegacyTimeoutKey"/> when <c>Events:Timeout</c> is not given.</summary>
internal sealed class EventDeliveryLegacyKeys(IConfiguration configuration) : IConfigureOptions<EventDeliveryOptions>
{
    public void Configure(EventDeliveryOptions options)
    {
        if (configuration[$"{EventDeliveryOptions.SectionName}:Timeout"] is null && configuration.GetValue<TimeSpan?>(EventDeliveryOptions.LegacyTimeoutKey) is { } legacy)
        {
            options.Timeout = legacy;
        }
    }
}

internal sealed class EventDeliveryOptionsValidator : IValidateOptions<EventDeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, EventDeliveryOptions options) =>
        options.Timeout <= TimeSpan.Zero
            ? ValidateOptionsResult.Fail($"{EventDeliveryOptions.SectionName}:Timeout (or its old name {EventDeliveryOptions.LegacyTimeoutKey}) must be positive.")
            : ValidateOptionsResult.Success;
}
