namespace OrleansShop.Grains.Reviews;

/// <summary>
/// What the review provider said of a shop's reviews settings when they were saved: whether the
/// certificate is live and for the shop's url, whether the Excellence protection login works,
/// whether eTrusted takes the API client, and the buyer-protection products the certificate may
/// sell. Kept on the shop until its reviews settings change; the checkout's protection offer is
/// chosen from <see cref="ProtectionProducts"/> without another call.
/// </summary>
/// <param name="Problems">Each thing that needs the merchant, by the settings field it concerns; empty when <see cref="Verdict"/> is valid.</param>
public sealed record ReviewAccountCheck(
    DateTimeOffset CheckedAt,
    ReviewAccountVerdict Verdict,
    CertificateFinding? Certificate,
    IReadOnlyList<ProtectionProduct> ProtectionProducts,
    IReadOnlyList<AccountProblem> Problems)
{
    /// <summary>Valid without problems; unreachable when every problem is a service that did not answer; invalid otherwise.</summary>
    public static ReviewAccountVerdict VerdictOf(IReadOnlyList<AccountProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 0 ? ReviewAccountVerdict.Valid
            : problems.All(p => p.Unreachable) ? ReviewAccountVerdict.Unreachable
            : ReviewAccountVerdict.Invalid;
    }
}

public enum ReviewAccountVerdict
{
    /// <summary>Everything checked works.</summary>
    Valid,

    /// <summary>Something the merchant must fix: see the problems.</summary>
    Invalid,

    /// <summary>The provider did not answer; saving again (or <c>POST …/reviews/check</c>) asks again.</summary>
    Unreachable,
}

/// <summary>The shop's certificate as Trusted Shops describes it (<c>checkCertificate</c>).</summary>
/// <param name="State"><c>PRODUCTION</c>, <c>TEST</c>, <c>INTEGRATION</c>, <c>CANCELLED</c>, <c>DISABLED</c> or <c>INVALID_TS_ID</c>.</param>
/// <param name="Type"><c>EXCELLENCE</c>, <c>CLASSIC</c> or <c>UNKNOWN</c>.</param>
/// <param name="Url">The shop address the certificate was issued for.</param>
/// <param name="ForShopUrl">Whether <see cref="Url"/> is the shop's own url (same host, with or without <c>www.</c>).</param>
public sealed record CertificateFinding(string State, string Type, string? Url, bool ForShopUrl);

/// <param name="Field">The settings field to fix, as the API names it (<c>reviews.tsid</c>, <c>url</c>, …).</param>
/// <param name="Unreachable">The service did not answer: nothing is known to be wrong.</param>
public sealed record AccountProblem(string Field, string Message, bool Unreachable = false);
