namespace OrleansShop.Connectors.TrustedShops;

/// <summary>Where and how the Trusted Shops clients call. Section <c>TrustedShops</c>, bound by whoever registers the clients.</summary>
public sealed class TrustedShopsOptions
{
    /// <summary>eTrusted's OAuth2 server; default <c>https://login.etrusted.com/</c>. A path prefix is kept.</summary>
    public Uri LoginAddress { get; set; } = new("https://login.etrusted.com/");

    /// <summary>eTrusted's API; default <c>https://api.etrusted.com/</c>.</summary>
    public Uri ApiAddress { get; set; } = new("https://api.etrusted.com/");

    /// <summary>The audience a token is asked for; default <c>https://api.etrusted.com</c>.</summary>
    public string Audience { get; set; } = "https://api.etrusted.com";

    /// <summary>
    /// The buyer-protection web service (SOAP <c>ApplicationRequestService</c>, <c>requestForProtectionV2</c>); default
    /// <c>https://protection.trustedshops.com/ts/protectionservices/ApplicationRequestService</c>, where every public
    /// client calls it (www.trustedshops.de hosts only the admin service). Trusted Shops' test system is
    /// <c>https://protection-qa.trustedshops.com/ts/protectionservices/ApplicationRequestService</c>.
    /// </summary>
    public Uri ProtectionAddress { get; set; } = new("https://protection.trustedshops.com/ts/protectionservices/ApplicationRequestService");

    /// <summary>
    /// The longest one round trip may take; past it the call is <see cref="TrustedShopsOutcome.Retryable"/>.
    /// Default 10 seconds: a token and an event fit in the dispatcher's 30-second delivery timeout.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A token is renewed this long before eTrusted says it expires, so it never expires in flight. Default 30 seconds.</summary>
    public TimeSpan TokenRenewalMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest answer read; a bigger one is unreadable (retryable). Default 64 KiB.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    public static string? Validate(TrustedShopsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        static bool Web(Uri? address) => address is { IsAbsoluteUri: true, Scheme: "https" or "http", Query: "" };
        return !Web(options.LoginAddress) ? "TrustedShops LoginAddress must be an absolute http(s) address without a query."
            : !Web(options.ApiAddress) ? "TrustedShops ApiAddress must be an absolute http(s) address without a query."
            : !Web(options.ProtectionAddress) ? "TrustedShops ProtectionAddress must be an absolute http(s) address without a query."
            : string.IsNullOrWhiteSpace(options.Audience) ? "TrustedShops Audience is required."
            : options.Timeout <= TimeSpan.Zero ? "TrustedShops Timeout must be positive."
            : options.TokenRenewalMargin < TimeSpan.Zero ? "TrustedShops TokenRenewalMargin must not be negative."
            : options.MaxResponseBytes < 1024 ? "TrustedShops MaxResponseBytes must be at least 1024."
            : null;
    }

    internal static Uri Endpoint(Uri root, string path) => new($"{root.AbsoluteUri.TrimEnd('/')}/{path}");
}
