namespace OrleansShop.Silo.Connectors;

/// <summary>Which providers the connectors talk to. Section <c>Providers</c>.</summary>
public sealed class ProvidersOptions
{
    public const string Sandbox = "sandbox";
    public const string Live = "live";

    /// <summary>
    /// <c>sandbox</c>: in-process providers that send nothing and keep what they would have sent
    /// (<c>/v1/sandbox/…</c>); <c>live</c>: the real providers' HTTP APIs with each shop's credentials.
    /// Default <c>sandbox</c> on SQLite; a PostgreSQL cluster must say which, so a sandbox is never
    /// used there by accident.
    /// </summary>
    public string? Mode { get; set; }

    public bool IsSandbox => Mode is null or Sandbox;

    internal static string? Validate(ProvidersOptions options, string storageProvider) =>
        options.Mode is not (null or Sandbox or Live) ? $"Providers:Mode must be '{Sandbox}' or '{Live}', not '{options.Mode}'."
        : options.Mode is null && storageProvider == "postgres" ? "Providers:Mode must be set ('sandbox' or 'live') when Storage:Provider is postgres."
        : null;
}
