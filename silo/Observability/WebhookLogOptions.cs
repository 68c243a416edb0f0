using Microsoft.Extensions.Options;

namespace OrleansShop.Silo.Observability;

/// <summary>How long the shops' delivery logs keep their receipts. Section <c>WebhookLog</c>.</summary>
public sealed class WebhookLogOptions
{
    public const string SectionName = "WebhookLog";

    /// <summary>How long a receipt is kept. Default 14 days.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How often older receipts are deleted. Default 1 hour.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);
}

internal sealed class WebhookLogOptionsValidator : IValidateOptions<WebhookLogOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookLogOptions options) =>
        options.Retention <= TimeSpan.Zero || options.PruneInterval < TimeSpan.FromMilliseconds(100)
            ? ValidateOptionsResult.Fail("WebhookLog:Retention must be positive and WebhookLog:PruneInterval at least 00:00:00.1.")
            : ValidateOptionsResult.Success;
}
