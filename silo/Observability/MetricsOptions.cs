using Microsoft.Extensions.Options;

namespace OrleansShop.Silo.Observability;

/// <summary>The metrics' settings. Section <c>Metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>How often the gauges read their figures from the database (effects pending and dead, SMS replies awaited). Default 10 seconds.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(10);
}

internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options) =>
        options.RefreshInterval < TimeSpan.FromMilliseconds(100)
            ? ValidateOptionsResult.Fail("Metrics:RefreshInterval must be at least 00:00:00.1.")
            : ValidateOptionsResult.Success;
}
