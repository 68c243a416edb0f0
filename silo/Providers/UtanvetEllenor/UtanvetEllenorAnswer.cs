using System.Globalization;
using System.Text.Json;
using OrleansShop.Silo.Providers.Http;
using static System.FormattableString;

namespace OrleansShop.Silo.Providers.UtanvetEllenor;

/// <summary>
/// Reads Utánvét Ellenőr's answers. The provider answers every processed call with HTTP 200 and puts
/// its verdict in the body's <c>status</c> (200 signals found, 404 none, 204 temporary or missing
/// mailbox, 402 quota, 451 opted out). So an HTTP status other than 2xx is not the provider speaking
/// but the web server or a proxy in front of it (an HTTP 404 is a wrong base address, never "no
/// signals"), and a 2xx whose body is not a JSON object is unreadable.
/// </summary>
internal static class UtanvetEllenorAnswer
{
    private const string Provider = "Utánvét Ellenőr";

    /// <summary>
    /// The answer's JSON object, or why there is none: HTTP 5xx, 408 and 429 are retryable; 401/403
    /// (bad keys) and other 4xx permanent; 402 is the quota; a 2xx with garbage, HTML or nothing is
    /// retryable. The caller disposes the document.
    /// </summary>
    public static (JsonDocument? Json, UtanvetEllenorFailure? Failure) Read(int httpStatus, byte[] body)
    {
        if (httpStatus is < 200 or >= 300)
        {
            return (null, httpStatus switch
            {
                >= 500 or 408 or 429 => UtanvetEllenorFailure.Retryable(Invariant($"{Provider} answered HTTP {httpStatus}")),
                401 or 403 => UtanvetEllenorFailure.Permanent(Invariant($"{Provider} refused the API keys (HTTP {httpStatus})")),
                402 => UtanvetEllenorFailure.QuotaExhausted(),
                404 or 405 => UtanvetEllenorFailure.Permanent(Invariant($"{Provider} answered HTTP {httpStatus}; is the base address right?")),
                _ => UtanvetEllenorFailure.Permanent(Invariant($"{Provider} answered HTTP {httpStatus}")),
            });
        }

        var json = ResponseBody.TryParseJson(body);
        if (json is { RootElement.ValueKind: JsonValueKind.Object })
        {
            return (json, null);
        }

        json?.Dispose();
        var what = ResponseBody.Describe(body, json is not null, "JSON that is not an object");
        return (null, UtanvetEllenorFailure.Retryable(Invariant($"unreadable answer (HTTP {httpStatus}): {what}")));
    }

    public static UtanvetEllenorRequestResult Request(JsonElement root)
    {
        if (UtanvetEllenorWire.Integer(root, "status") is not { } status)
        {
            return UtanvetEllenorRequestResult.Failed(UtanvetEllenorFailure.Retryable("unreadable answer: JSON without a status"));
        }

        var result = root.TryGetProperty("result", out var found) ? found : default;
        return status switch
        {
            200 => Signals(status, result),
            404 => Known(status, result, UtanvetEllenorFinding.NoSignals, "no shop has reported this address"),
            204 => Known(status, result, UtanvetEllenorFinding.UndeliverableMailbox, "a temporary e-mail address or a mailbox that does not exist"),
            451 => Known(status, result, UtanvetEllenorFinding.OptedOut, "the buyer opted out of the provider's processing"),
            _ => UtanvetEllenorRequestResult.Failed(Other(status)),
        };
    }

    /// <summary>
    /// A signal's answer is not documented beyond the request's: any 2xx <c>status</c>, or none at all
    /// in a JSON object, is taken; 451 (opted out) can never be taken. The provider deduplicates
    /// signals on the order id, so treating an odd answer as retryable costs nothing but a call.
    /// </summary>
    public static UtanvetEllenorSignalResult Signal(JsonElement root)
    {
        var status = UtanvetEllenorWire.Integer(root, "status");
        if (status is null && root.TryGetProperty("status", out _))
        {
            return UtanvetEllenorSignalResult.Failed(UtanvetEllenorFailure.Retryable("unreadable answer: a status that is not a number"));
        }

        return status switch
        {
            null => new(UtanvetEllenorOutcome.Accepted, null, "signal taken"),
            204 => new(UtanvetEllenorOutcome.Accepted, status, "signal taken; the provider counts the address as a temporary or missing mailbox"),
            >= 200 and < 300 => new(UtanvetEllenorOutcome.Accepted, status, "signal taken"),
            451 => UtanvetEllenorSignalResult.Failed(UtanvetEllenorFailure.Permanent("the buyer opted out of the provider's processing; no signal can be given", status)),
            _ => UtanvetEllenorSignalResult.Failed(Other(status.Value)),
        };
    }

    /// <summary>A status other than the provider's verdicts: the same meaning as the HTTP status of that number.</summary>
    private static UtanvetEllenorFailure Other(int status) => status switch
    {
        402 => UtanvetEllenorFailure.QuotaExhausted(status),
        401 or 403 => UtanvetEllenorFailure.Permanent(Invariant($"{Provider} refused the API keys (status {status})"), status),
        400 or 422 => UtanvetEllenorFailure.Permanent(Invariant($"{Provider} refused the request as invalid (status {status})"), status),
        >= 500 or 408 or 429 => UtanvetEllenorFailure.Retryable(Invariant($"{Provider} answered status {status}"), status),

        // A status the provider has not documented: an operator has to look, so not retried blindly.
        _ => UtanvetEllenorFailure.Permanent(Invariant($"unknown {Provider} status {status}"), status),
    };

    /// <summary>
    /// Status 200's result. Only the <c>blocked</c> flag is required, as it is all the provider's own
    /// plugin reads: some answers (its test address, a shop's exception) carry no counts or reputation,
    /// and a count left out is zero. What is written must make sense, though: a negative or unreadable
    /// count, or a reputation off the −1…+1 scale, is an unreadable answer.
    /// </summary>
    private static UtanvetEllenorRequestResult Signals(int status, JsonElement result)
    {
        if (UtanvetEllenorWire.Flag(result, "blocked") is not { } blocked)
        {
            return UtanvetEllenorRequestResult.Failed(UtanvetEllenorFailure.Retryable("unreadable answer: status 200 without a blocked flag", status));
        }

        var (good, bad) = (Count(result, "good"), Count(result, "bad"));
        var reputation = UtanvetEllenorWire.Number(result, "reputation");
        if (good is null || bad is null || (Written(result, "reputation") && reputation is not (>= -1 and <= 1)))
        {
            return UtanvetEllenorRequestResult.Failed(UtanvetEllenorFailure.Retryable("unreadable answer: status 200 with counts or a reputation that make no sense", status));
        }

        var signals = new UtanvetEllenorReputation(UtanvetEllenorFinding.Signals, good.Value, bad.Value, reputation, blocked, Reason(result));
        return new(UtanvetEllenorOutcome.Accepted, status, signals, Describe(signals));
    }

    /// <summary>A count: zero when left out (or null), null when written but not a whole number of at least zero.</summary>
    private static int? Count(JsonElement result, string name) =>
        !Written(result, name) ? 0 : UtanvetEllenorWire.Integer(result, name) is { } count and >= 0 ? count : null;

    private static bool Written(JsonElement result, string name) =>
        result.ValueKind == JsonValueKind.Object && result.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>A verdict that carries no counts to rely on: whatever sensible counts it has are kept, the rest is zero.</summary>
    private static UtanvetEllenorRequestResult Known(int status, JsonElement result, UtanvetEllenorFinding finding, string meaning)
    {
        var reputation = UtanvetEllenorWire.Number(result, "reputation") is { } r and >= -1 and <= 1 ? r : (double?)null;
        var answer = new UtanvetEllenorReputation(
            finding,
            Math.Max(0, UtanvetEllenorWire.Integer(result, "good") ?? 0),
            Math.Max(0, UtanvetEllenorWire.Integer(result, "bad") ?? 0),
            reputation,
            UtanvetEllenorWire.Flag(result, "blocked") ?? false,
            Reason(result));
        return new(UtanvetEllenorOutcome.Accepted, status, answer, meaning);
    }

    private static string? Reason(JsonElement result) => UtanvetEllenorReasons.IfKnown(UtanvetEllenorWire.Text(result, "reason"));

    private static string Describe(UtanvetEllenorReputation signals) =>
        Invariant($"{signals.Good} collected, {signals.Bad} refused, reputation {(signals.Reputation is { } r ? r.ToString("0.###", CultureInfo.InvariantCulture) : "not given")}{(signals.Blocked ? ", blocked at the threshold" : string.Empty)}");
}
