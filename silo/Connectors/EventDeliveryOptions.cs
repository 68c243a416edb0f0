using Microsoft.Extensions.Options;

namespace OrleansShop.Silo.Connectors;

/// <summary>How events are posted to a shop's endpoints. Section <c>Events</c>; the invoice callback keeps <see cref="ShopCallbackOptions"/>.</summary>
public sealed class EventDeliveryOptions
{
    public const string SectionName = "Events";

    /// <summary>The longest an endpoint may take to answer; past it the delivery is tried again later. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

internal sealed class EventDeliveryOptionsValidator : IValidateOptions<EventDeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, EventDeliveryOptions options) =>
        options.Timeout <= TimeSpan.Zero ? ValidateOptionsResult.Fail($"{EventDeliveryOptions.SectionName}:Timeout must be positive.") : ValidateOptionsResult.Success;
}
