using Microsoft.Extensions.Options;

namespace OrleansShop.Silo.Providers.Yurtici;

/// <summary>How the Yurtiçi client calls Yurtiçi. Section <c>Carrier:Yurtici</c>.</summary>
public sealed class YurticiOptions
{
    public const string SectionName = "Carrier:Yurtici";

    /// <summary>The ShippingOrderDispatcherServices address. Default Yurtiçi's production service.</summary>
    public Uri Endpoint { get; set; } = YurticiCredentials.DefaultEndpoint;

    /// <summary>
    /// The longest one call may take; past it the call is <see cref="YurticiOutcome.Retryable"/> (and a
    /// retried <c>createShipment</c> meets error 60020 if the first one did arrive). Default 15 seconds.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The largest answer read; a bigger one is unreadable (retryable). Default 1 MiB.</summary>
    public int MaxResponseBytes { get; set; } = 1 << 20;
}

internal sealed class YurticiOptionsValidator : IValidateOptions<YurticiOptions>
{
    public ValidateOptionsResult Validate(string? name, YurticiOptions options) =>
        !ProviderAddress.IsWeb(options.Endpoint) ? ValidateOptionsResult.Fail($"{YurticiOptions.SectionName}:Endpoint {ProviderAddress.Requirement}")
        : options.Timeout <= TimeSpan.Zero ? ValidateOptionsResult.Fail($"{YurticiOptions.SectionName}:Timeout must be positive.")
        : options.MaxResponseBytes < 1024 ? ValidateOptionsResult.Fail($"{YurticiOptions.SectionName}:MaxResponseBytes must be at least 1024.")
        : ValidateOptionsResult.Success;
}
