using System.Collections.Frozen;

namespace OrleansShop.Silo.Providers.UtanvetEllenor;

/// <summary>
/// The <c>reason</c> texts the provider documents (its PHP client's <c>Reasons</c> and its API
/// documentation), with the answer <c>status</c> each comes with. Only these are passed on: any
/// other text is the provider's body, which this connector never repeats.
/// </summary>
public static class UtanvetEllenorReasons
{
    /// <summary>Status 200: the provider's test address.</summary>
    public const string TestAddress = "Test hash was used.";

    /// <summary>Status 402.</summary>
    public const string OutOfQuota = "Run out of request quota for current billing period, upgrade your subscription to resolve!";

    /// <summary>Status 200: the shop has an active exception (allow-list entry) for this address at the provider.</summary>
    public const string ExceptionFound = "Active exception found for this hash in your account.";

    /// <summary>Status 204.</summary>
    public const string TemporaryEmail = "Temporary e-mail was used.";

    /// <summary>Status 204.</summary>
    public const string MailboxDoesNotExist = "Mailbox does not exist.";

    /// <summary>Status 404.</summary>
    public const string NoSignals = "No Signals were found.";

    /// <summary>Status 200, blocked.</summary>
    public const string ThresholdNotMet = "Total rate did not meet the minimum threshold set.";

    /// <summary>Status 200, not blocked.</summary>
    public const string Passed = "Signals found, checks passed.";

    /// <summary>Status 451.</summary>
    public const string OptedOut = "User opted out of the processing of their personal data.";

    private static readonly FrozenSet<string> Known = FrozenSet.Create(
        StringComparer.Ordinal, TestAddress, OutOfQuota, ExceptionFound, TemporaryEmail, MailboxDoesNotExist, NoSignals, ThresholdNotMet, Passed, OptedOut);

    /// <summary>The reason when it is a documented one, otherwise null.</summary>
    internal static string? IfKnown(string? reason) => reason is not null && Known.Contains(reason) ? reason : null;
}
