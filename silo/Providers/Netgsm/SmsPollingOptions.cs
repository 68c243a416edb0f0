using Microsoft.Extensions.Options;

namespace OrleansShop.Silo.Providers.Netgsm;

/// <summary>Reading replies from the shops' Netgsm inboxes in live mode. Section <c>Sms:Polling</c>.</summary>
public sealed class SmsPollingOptions
{
    public const string SectionName = "Sms:Polling";

    /// <summary>How often the inboxes are read. Default 30 seconds.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Each read starts this long before the last one stopped, so a message Netgsm files late is
    /// still seen; messages read twice are recognised and answered once. Default 5 minutes.
    /// </summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far back the first read of a shop's inbox goes. Default 1 hour.</summary>
    public TimeSpan FirstLookback { get; set; } = TimeSpan.FromHours(1);
}

internal sealed class SmsPollingOptionsValidator : IValidateOptions<SmsPollingOptions>
{
    public ValidateOptionsResult Validate(string? name, SmsPollingOptions options) =>
        options.Interval <= TimeSpan.Zero ? ValidateOptionsResult.Fail($"{SmsPollingOptions.SectionName}:Interval must be positive.")
        : options.Overlap < TimeSpan.Zero || options.FirstLookback < TimeSpan.Zero ? ValidateOptionsResult.Fail($"{SmsPollingOptions.SectionName}:Overlap and FirstLookback must not be negative.")
        : ValidateOptionsResult.Success;
}
