using Microsoft.Extensions.Options;

namespace OrleansShop.Silo.Connectors;

/// <summary>How a shop is called back at its <c>invoicing.callbackUrl</c> (its endpoints take <see cref="EventDeliveryOptions"/>). Section <c>Invoicing:Callback</c>.</summary>
public sealed class ShopCallbackOptions
{
    public const string SectionName = "Invoicing:Callback";

    /// <summary>The longest a shop may take to answer; past it the callback is tried again later. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

internal sealed class ShopCallbackOptionsValidator : IValidateOptions<ShopCallbackOptions>
{
    public ValidateOptionsResult Validate(string? name, ShopCallbackOptions options) =>
        options.Timeout <= TimeSpan.Zero ? ValidateOptionsResult.Fail($"{ShopCallbackOptions.SectionName}:Timeout must be positive.") : ValidateOptionsResult.Success;
}
