using Microsoft.Extensions.Options;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Providers;

/// <summary>Which providers the connectors talk to. Section <c>Providers</c>.</summary>
public sealed class ProvidersOptions
{
    public const string SectionName = "Providers";
    public const string Sandbox = "sandbox";
    public const string Live = "live";

    /// <summary>
    /// <c>sandbox</c>: in-process providers that send nothing and keep what they would have sent
    /// (<c>/v1/sandbox/…</c>); <c>live</c>: the real providers' HTTP APIs with each shop's credentials.
    /// Default <c>sandbox</c> on SQLite; a PostgreSQL cluster must say which, so a sandbox is never
    /// used there by accident. Read once, when the providers are registered.
    /// </summary>
    public string? Mode { get; set; }

    public bool IsSandbox => Mode is null or Sandbox;

    /// <summary>Whether <paramref name="configuration"/> chooses the sandbox: read when the providers and the sandbox routes are registered.</summary>
    public static bool IsSandboxIn(IConfiguration configuration) =>
        (configuration.GetSection(SectionName).Get<ProvidersOptions>() ?? new ProvidersOptions()).IsSandbox;
}

internal sealed class ProvidersOptionsValidator(IOptions<StorageOptions> storage) : IValidateOptions<ProvidersOptions>
{
    public ValidateOptionsResult Validate(string? name, ProvidersOptions options) =>
        options.Mode is not (null or ProvidersOptions.Sandbox or ProvidersOptions.Live)
            ? ValidateOptionsResult.Fail($"Providers:Mode must be '{ProvidersOptions.Sandbox}' or '{ProvidersOptions.Live}', not '{options.Mode}'.")
        : options.Mode is null && storage.Value.Provider == StorageOptions.Postgres
            ? ValidateOptionsResult.Fail("Providers:Mode must be set ('sandbox' or 'live') when Storage:Provider is postgres.")
        : ValidateOptionsResult.Success;
}
