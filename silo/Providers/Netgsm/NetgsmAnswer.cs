using System.Text.Json;
using OrleansShop.Silo.Providers.Http;

namespace OrleansShop.Silo.Providers.Netgsm;

/// <summary>An answer of Netgsm that carried a JSON <c>code</c>; the caller disposes <see cref="Json"/>.</summary>
internal sealed record NetgsmAnswer(JsonDocument Json, string Code)
{
    /// <summary>
    /// HTTP 5xx is retryable whatever its body says. Otherwise a JSON object with a <c>code</c> is
    /// Netgsm speaking (success on 200, errors on 406), and the operation reads its code. Without one,
    /// the HTTP status decides: 401/403 and other 4xx are permanent, 408/429 retryable, and anything
    /// else (200 or 406 with garbage, HTML, an empty body) is an unreadable answer, retryable.
    /// </summary>
    public static (NetgsmAnswer? Answer, NetgsmFailure? Failure) Classify(int status, byte[] body)
    {
        if (status >= 500)
        {
            return (null, NetgsmFailure.Retryable($"Netgsm answered HTTP {status}"));
        }

        var json = ResponseBody.TryParseJson(body);
        var code = json is null ? null : JsonText.Of(json.RootElement, "code");
        if (json is not null && !string.IsNullOrEmpty(code))
        {
            // A code written as a number loses its leading zero: 0 is "00".
            return (new NetgsmAnswer(json, code.Length == 1 ? $"0{code}" : code), null);
        }

        json?.Dispose();
        var failure = status switch
        {
            401 or 403 => NetgsmFailure.Permanent($"Netgsm refused the credentials (HTTP {status})"),
            408 or 429 => NetgsmFailure.Retryable($"Netgsm answered HTTP {status}"),
            >= 400 and not 406 => NetgsmFailure.Permanent($"Netgsm answered HTTP {status}"),
            _ => NetgsmFailure.Retryable($"unreadable answer (HTTP {status}): {ResponseBody.Describe(body, json is not null, "JSON without a code")}"),
        };
        return (null, failure);
    }
}
