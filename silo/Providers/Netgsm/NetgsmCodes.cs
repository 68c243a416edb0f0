using System.Collections.Frozen;

namespace OrleansShop.Silo.Providers.Netgsm;

/// <summary>
/// Netgsm's answer codes for REST v2 send and inbox (from Netgsm's API documentation and its
/// official Node.js client, <c>@netgsm/sms</c>), with what each means and whether retrying can help.
/// </summary>
internal static class NetgsmCodes
{
    public const string Success = "00";

    /// <summary>Inbox only: nothing to list in the range. An empty inbox, not an error.</summary>
    public const string NoMessages = "40";

    private const string Credentials = "invalid user code or password, no API access, or the request came from an IP address the account does not allow";
    private const string Parameters = "invalid request: a parameter is wrong or a required one is missing";
    private const string SystemError = "Netgsm system error";

    private static readonly FrozenDictionary<string, NetgsmFailure> SendFailures = new Dictionary<string, NetgsmFailure>
    {
        ["20"] = NetgsmFailure.Permanent("message text problem, or the text is longer than the maximum", "20"),
        ["30"] = NetgsmFailure.Permanent(Credentials, "30"),
        ["40"] = NetgsmFailure.Permanent("sender header (msgheader) is not approved for this account", "40"),
        ["50"] = NetgsmFailure.Permanent("IYS-checked sending is not allowed for this account", "50"),
        ["51"] = NetgsmFailure.Permanent("no IYS brand code is registered for this account", "51"),
        ["70"] = NetgsmFailure.Permanent(Parameters, "70"),
        ["80"] = NetgsmFailure.Retryable("sending rate limit exceeded", "80"),
        ["85"] = NetgsmFailure.Retryable("the same number was sent to too often (more than 20 jobs a minute)", "85"),
        ["100"] = NetgsmFailure.Retryable(SystemError, "100"),
        ["101"] = NetgsmFailure.Retryable(SystemError, "101"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, NetgsmFailure> InboxFailures = new Dictionary<string, NetgsmFailure>
    {
        ["30"] = NetgsmFailure.Permanent(Credentials, "30"),
        ["70"] = NetgsmFailure.Permanent(Parameters, "70"),

        // The report API's rate limit: the poller keeps its cursor and reads the same window at its next tick.
        ["80"] = NetgsmFailure.Retryable("the inbox read rate limit was exceeded", "80"),
        ["100"] = NetgsmFailure.Retryable(SystemError, "100"),
        ["101"] = NetgsmFailure.Retryable(SystemError, "101"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static NetgsmFailure SendFailure(string code) => SendFailures.GetValueOrDefault(code) ?? Unknown(code);

    public static NetgsmFailure InboxFailure(string code) => InboxFailures.GetValueOrDefault(code) ?? Unknown(code);

    // A code Netgsm has not documented: an operator has to look, so it goes to dead letters at once rather than after every retry.
    private static NetgsmFailure Unknown(string code) => NetgsmFailure.Permanent($"unknown Netgsm code {code}", code);
}
