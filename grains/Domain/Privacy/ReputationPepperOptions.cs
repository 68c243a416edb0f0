using Microsoft.Extensions.Options;

namespace OrleansShop.Grains.Privacy;

/// <summary>The key of buyers' e-mail hashes (see <see cref="EmailPseudonymizer"/>). Section <c>Reputation</c>: <c>Pepper</c> and <c>PepperVersion</c>.</summary>
public sealed class ReputationPepperOptions
{
    public const string SectionName = "Reputation";

    public const int MinPepperBytes = 32;

    /// <summary>
    /// The secret key, base64 of at least 32 random bytes (<c>openssl rand -base64 32</c>); the silos of
    /// a cluster share it. When none is configured, the silo generates one once and keeps it in its data folder.
    /// </summary>
    public string? Pepper { get; set; }

    /// <summary>The key version stored beside each hash. Default 1.</summary>
    public int PepperVersion { get; set; } = 1;

    /// <summary>The pepper's bytes, or null when <see cref="Pepper"/> is not base64 of at least <see cref="MinPepperBytes"/> bytes.</summary>
    public byte[]? PepperBytes()
    {
        var buffer = new byte[Pepper?.Length ?? 0];
        return Convert.TryFromBase64String(Pepper ?? string.Empty, buffer, out var length) && length >= MinPepperBytes ? buffer[..length] : null;
    }
}

public sealed class ReputationPepperOptionsValidator : IValidateOptions<ReputationPepperOptions>
{
    public ValidateOptionsResult Validate(string? name, ReputationPepperOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.PepperBytes() is null
            ? ValidateOptionsResult.Fail($"{ReputationPepperOptions.SectionName}:Pepper must be base64 of at least {ReputationPepperOptions.MinPepperBytes} bytes.")
            : ValidateOptionsResult.Success;
    }
}
