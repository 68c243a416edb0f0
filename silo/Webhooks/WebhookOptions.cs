using Microsoft.Extensions.Options;

namespace OrleansShop.Silo.Webhooks;

/// <summary>Webhook ingress limits, per shop and per silo. Section <c>Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Verified deliveries per second each shop may send before it is answered 429. Default 100.</summary>
    public int PermitsPerSecond { get; set; } = 100;

    /// <summary>How many verified deliveries above the rate a shop may send in a burst. Default 200.</summary>
    public int Burst { get; set; } = 200;

    /// <summary>
    /// Deliveries per second to a shop's address that fail their signature before further failures
    /// are answered 429 instead of 401. Counted apart, so that they never spend the shop's own rate. Default 10.
    /// </summary>
    public int FailuresPerSecond { get; set; } = 10;

    /// <summary>How many failed deliveries above <see cref="FailuresPerSecond"/> pass in a burst. Default 20.</summary>
    public int FailureBurst { get; set; } = 20;
}

internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options) =>
        options.PermitsPerSecond < 1 || options.Burst < 1
            ? ValidateOptionsResult.Fail("Webhooks:PermitsPerSecond and Webhooks:Burst must be at least 1.")
            : options.FailuresPerSecond < 1 || options.FailureBurst < 1
                ? ValidateOptionsResult.Fail("Webhooks:FailuresPerSecond and Webhooks:FailureBurst must be at least 1.")
                : ValidateOptionsResult.Success;
}
