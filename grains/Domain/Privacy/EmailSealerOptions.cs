using Microsoft.Extensions.Options;

namespace OrleansShop.Grains.Privacy;

/// <summary>
/// The cluster keys that seal what a provider will need in plaintext later (see <see cref="EmailSealer"/>).
/// Section <c>Privacy:Sealing</c>: <c>CurrentKeyVersion</c> and <c>Keys:1</c>, <c>Keys:2</c>, ….
/// </summary>
public sealed class EmailSealerOptions
{
    public const string SectionName = "Privacy:Sealing";

    /// <summary>The version of the key new seals use; it must be one of <see cref="Keys"/>. Default 1.</summary>
    public int CurrentKeyVersion { get; set; } = 1;

    /// <summary>
    /// Every key by its version (a positive number), each the base64 of 32 random bytes
    /// (<c>openssl rand -base64 32</c>). To rotate, add a key, make it current, and keep the old one
    /// until no value sealed under it remains (sealed values live until their signal is delivered).
    /// When none is configured, the silo generates key 1 once and keeps it in its data folder.
    /// </summary>
    public Dictionary<int, string> Keys { get; } = [];
}

/// <summary>Refuses the keys <see cref="EmailSealer.FromOptions"/> would, naming the key and never repeating it.</summary>
public sealed class EmailSealerOptionsValidator : IValidateOptions<EmailSealerOptions>
{
    private const string Section = EmailSealerOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, EmailSealerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (version, base64) in options.Keys.OrderBy(key => key.Key))
        {
            if (version <= 0)
            {
                return ValidateOptionsResult.Fail($"{Section}:Keys:{version} is not a key version; versions are positive numbers.");
            }

            if (!Convert.TryFromBase64String(base64 ?? string.Empty, new byte[EmailSealer.KeySize], out var length) || length != EmailSealer.KeySize)
            {
                return ValidateOptionsResult.Fail($"{Section}:Keys:{version} must be the base64 of {EmailSealer.KeySize} bytes.");
            }
        }

        return options.Keys.ContainsKey(options.CurrentKeyVersion)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{Section}:CurrentKeyVersion is {options.CurrentKeyVersion}, but there is no {Section}:Keys:{options.CurrentKeyVersion} to seal with.");
    }
}
