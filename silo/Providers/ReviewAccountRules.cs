using OrleansShop.Grains.Reviews;
using OrleansShop.Grains.Shops;

namespace OrleansShop.Silo.Providers;

/// <summary>
/// What a shop's reviews settings need, whichever review provider checks them: the rules on what is
/// missing and on what a certificate must be, apart from the calls that find it out.
/// </summary>
internal static class ReviewAccountRules
{
    private static readonly Dictionary<string, string> StateProblems = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["INTEGRATION"] = "The shop is still being certified (INTEGRATION): its certificate is not live yet.",
        ["CANCELLED"] = "The certificate has expired (CANCELLED).",
        ["DISABLED"] = "The certificate has been disabled (DISABLED).",
        ["INVALID_TS_ID"] = "No certificate is allocated to this Trusted Shops ID (INVALID_TS_ID).",
    };

    /// <summary>What the settings lack for what they enable, before anyone is asked.</summary>
    public static IEnumerable<AccountProblem> MissingSettings(ShopSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var account = TrustedShops.TrustedShopsAccount.From(settings);
        if (settings.Url is null)
        {
            yield return new AccountProblem("url", "Set the shop's url: the certificate is checked against it.");
        }

        if (!account.HasETrustedClient)
        {
            yield return new AccountProblem("reviews.clientId", "Review invitations need the eTrusted API client id, client secret and channel id.");
        }

        if (settings.Reviews.Model == "excellence" && !account.HasProtectionLogin)
        {
            yield return new AccountProblem("reviews.protectionUser", "Excellence buyer protection needs the protection user and password Trusted Shops issued with the certificate.");
        }
    }

    public static IEnumerable<AccountProblem> CertificateProblems(CertificateFinding certificate, string model, string? shopUrl)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (StateProblems.TryGetValue(certificate.State, out var problem))
        {
            yield return new AccountProblem("reviews.tsid", problem);
        }
        else if (certificate.State is not ("PRODUCTION" or "TEST"))
        {
            yield return new AccountProblem("reviews.tsid", $"Trusted Shops describes the certificate as {certificate.State}, which is not a live certificate.");
        }

        if (shopUrl is not null && !certificate.ForShopUrl)
        {
            yield return new AccountProblem("url", $"The certificate is for {certificate.Url ?? "no address"}, not for {shopUrl}.");
        }

        if (model == "excellence" && certificate.Type != "EXCELLENCE")
        {
            yield return new AccountProblem("reviews.model", $"The certificate is {certificate.Type}: buyer protection at checkout needs an EXCELLENCE certificate; choose classic.");
        }
    }

    /// <summary>Whether a certificate's address names the shop's: the same host, ignoring case, the scheme and a leading <c>www.</c>.</summary>
    public static bool SameShop(string? certificateUrl, string? shopUrl) =>
        Host(certificateUrl) is { } certificate && Host(shopUrl) is { } shop && string.Equals(certificate, shop, StringComparison.OrdinalIgnoreCase);

    private static string? Host(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        var trimmed = url.Trim();
        if (!Uri.TryCreate(trimmed.Contains("://", StringComparison.Ordinal) ? trimmed : $"https://{trimmed}", UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return null;
        }

        return uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host;
    }
}
