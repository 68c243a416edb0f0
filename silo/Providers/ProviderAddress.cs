namespace OrleansShop.Silo.Providers;

/// <summary>What every provider address setting must be.</summary>
internal static class ProviderAddress
{
    public const string Requirement = "must be an absolute http(s) address without a query.";

    public static bool IsWeb(Uri? address) => address is { IsAbsoluteUri: true, Scheme: "https" or "http", Query: "" };
}
