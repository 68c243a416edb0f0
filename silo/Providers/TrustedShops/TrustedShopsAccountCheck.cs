using OrleansShop.Grains.Reviews;
using OrleansShop.Grains.Shops;

namespace OrleansShop.Silo.Providers.TrustedShops;

/// <summary>
/// What a Trusted Shops shop module checks when a merchant saves a certificate, for one shop's
/// reviews settings: the certificate is live and issued for the shop's url; for Excellence, the
/// protection user and password work and the certificate's protection products; the eTrusted API
/// client gets a token. Each finding that needs the merchant becomes a problem on the field to fix.
/// </summary>
internal sealed class TrustedShopsAccountCheck(ProtectionAdminClient admin, ETrustedClient etrusted, TimeProvider time)
{
    public async Task<ReviewAccountCheck> CheckAsync(ShopSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var reviews = settings.Reviews;
        var account = TrustedShopsAccount.From(settings);
        var problems = new List<AccountProblem>(ReviewAccountRules.MissingSettings(settings));
        if (reviews.Tsid is not { } tsid)
        {
            return Done(null, [], problems);
        }

        var answer = await admin.CheckCertificateAsync(tsid, cancellationToken);
        CertificateFinding? certificate = null;
        if (answer.Value is { } found)
        {
            certificate = new CertificateFinding(found.State, found.Type, found.Url, ReviewAccountRules.SameShop(found.Url, settings.Url));
            problems.AddRange(ReviewAccountRules.CertificateProblems(certificate, reviews.Model, settings.Url));
        }
        else
        {
            problems.Add(new AccountProblem("reviews.tsid", $"Trusted Shops could not be asked about the certificate: {answer.Failure}.", Unreachable: true));
        }

        IReadOnlyList<ProtectionProduct> products = [];
        // Only a live Excellence certificate has a protection login and products (checkLogin, getProtectionItems).
        if (reviews.Model == "excellence" && certificate is { State: "PRODUCTION" or "TEST", Type: "EXCELLENCE" })
        {
            if (account.HasProtectionLogin)
            {
                problems.AddRange(LoginProblems(await admin.CheckLoginAsync(account.Protection(tsid), cancellationToken)));
            }

            var items = await admin.GetProtectionItemsAsync(tsid, cancellationToken);
            products = items.Value ?? [];
            if (items.Failure is { } failure)
            {
                problems.Add(new AccountProblem("reviews.model", $"Trusted Shops could not be asked for the protection products: {failure}.", Unreachable: true));
            }
            else if (products.Count == 0)
            {
                problems.Add(new AccountProblem("reviews.model", "Trusted Shops lists no buyer-protection products for this certificate."));
            }
        }

        if (account.HasETrustedClient)
        {
            var token = await etrusted.CheckClientAsync(account.ETrusted, cancellationToken);
            if (token.Outcome != TrustedShopsOutcome.Accepted)
            {
                problems.Add(new AccountProblem("reviews.clientSecret", $"{Sentence(token.Meaning)}.", Unreachable: token.Outcome == TrustedShopsOutcome.Retryable));
            }
        }

        return Done(certificate, products, problems);
    }

    private ReviewAccountCheck Done(CertificateFinding? certificate, IReadOnlyList<ProtectionProduct> products, List<AccountProblem> problems) =>
        new(time.GetUtcNow(), ReviewAccountCheck.VerdictOf(problems), certificate, products, problems);

    private static IEnumerable<AccountProblem> LoginProblems(AdminAnswer<LoginCode> answer)
    {
        if (answer.Failure is { } failure)
        {
            yield return new AccountProblem("reviews.protectionPassword", $"Trusted Shops could not be asked whether the protection login works: {failure}.", Unreachable: true);
        }
        else if (answer.Value!.Value <= 0)
        {
            yield return new AccountProblem("reviews.protectionPassword", TrustedShopsLoginCodes.Meaning(answer.Value.Value));
        }
    }

    /// <summary>A meaning as a sentence's start: capitalised, except for eTrusted's own name.</summary>
    private static string Sentence(string meaning) =>
        meaning.Length == 0 || meaning.StartsWith("eTrusted", StringComparison.Ordinal) ? meaning : char.ToUpperInvariant(meaning[0]) + meaning[1..];
}

/// <summary><c>checkLogin</c>'s error codes, as Trusted Shops' shop modules explain them to merchants.</summary>
internal static class TrustedShopsLoginCodes
{
    public static string Meaning(long code) => code switch
    {
        -10001 => "Trusted Shops refused the protection user and password (-10001).",
        -10002 => "Trusted Shops says the shop's buyer-protection credit line was cancelled (-10002): contact Trusted Shops.",
        -10011 => "Trusted Shops says the shop has no buyer-protection credit line (-10011): contact Trusted Shops.",
        _ => $"Trusted Shops refused the protection login with error code {code}.",
    };
}
