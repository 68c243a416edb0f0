using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Silo.Providers.Http;
using static System.FormattableString;

namespace OrleansShop.Silo.Providers.Platforms;

/// <summary>
/// What the three platform clients share: one round trip through <see cref="ProviderExchange"/>,
/// classified the same way for all of them, and the one shape of what a write-back reports.
/// No answer, a timeout, HTTP 408, 429 or 5xx, or a success whose body does not read are retried
/// (every client reads the order before it writes, so a retry finds what a lost call did); the
/// platform refusing the credentials, not knowing the order or refusing the request is permanent.
/// </summary>
internal static class PlatformHttp
{
    // Turkish, Hungarian letters and the note's punctuation go out as written; the bodies are never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const int MaxMessageLength = 300;

    /// <summary>A JSON request body written by <paramref name="write"/> (one value: an object, usually).</summary>
    public static ByteArrayContent Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(json);
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = Encoding.UTF8.WebName };
        return content;
    }

    /// <summary>
    /// Sends <paramref name="request"/> and reads its JSON answer, or says why there is nothing to
    /// go on with. <paramref name="doing"/> names the step for the failure's meaning ("reading
    /// order 1001"); <paramref name="secrets"/> are blanked out of anything the platform says back.
    /// </summary>
    public static async Task<PlatformReply> SendAsync(
        HttpClient http, HttpRequestMessage request, string platform, string doing, PlatformOptions options, IReadOnlyList<string> secrets, CancellationToken cancellationToken)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var answer = await ProviderExchange.SendAsync(http, request, platform, options.Timeout, options.MaxResponseBytes, cancellationToken);
        if (answer.Failure is { } failure)
        {
            return PlatformReply.Failed(DeliveryOutcome.Retry($"{platform}, {doing}: {failure}"));
        }

        var json = ResponseBody.TryParseJson(answer.Body);
        var status = answer.Status;
        if (status is >= 200 and < 300)
        {
            return json is null
                ? PlatformReply.Failed(DeliveryOutcome.Retry(Invariant($"{platform}, {doing}: unreadable answer (HTTP {status}): {ResponseBody.Describe(answer.Body, false, "JSON")}")))
                : new PlatformReply(status, json, null);
        }

        var said = json is null ? string.Empty : Said(json.RootElement, secrets);
        json?.Dispose();
        var outcome = status switch
        {
            >= 500 or 408 or 429 => DeliveryOutcome.Retry(Invariant($"{platform}, {doing}: HTTP {status}{said}")),
            401 or 403 => DeliveryOutcome.Permanent(Invariant($"{platform} refused the shop's credentials (HTTP {status}) {doing}{said}; check platformApi")),
            404 => DeliveryOutcome.Permanent(Invariant($"{platform} answered HTTP 404 {doing}: no such order, or the store address is wrong{said}")),
            _ => DeliveryOutcome.Permanent(Invariant($"{platform} refused the request (HTTP {status}) {doing}{said}")),
        };
        return PlatformReply.Failed(outcome);
    }

    /// <summary>What the write-back reports when it is done: <c>{"platform":"shopify","written":["tags","note"]}</c>, <c>"written":[]</c> when the order already showed everything.</summary>
    public static DeliveryOutcome Delivered(string platform, IReadOnlyList<string> written) =>
        DeliveryOutcome.Delivered(JsonSerializer.Serialize(new PlatformWritten(platform, written), GrainJson.Options));

    /// <summary>Whether <paramref name="orderId"/> is an order number as all three platforms have them: digits only.</summary>
    public static bool IsOrderNumber(string? orderId) => orderId is { Length: > 0 and <= 20 } && orderId.All(char.IsAsciiDigit);

    public static DeliveryOutcome NotAnOrderNumber(string platform, string orderId) =>
        DeliveryOutcome.Permanent($"'{Trimmed(orderId, 40)}' is not a {platform} order id (digits only)");

    /// <summary>The platform's own words for a refusal (WooCommerce's <c>message</c>, Shopify's <c>errors</c>, an OAuth <c>error_description</c>), shortened and with the secrets blanked out.</summary>
    public static string Said(JsonElement root, IReadOnlyList<string> secrets)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return string.Empty;
        }

        foreach (var name in new[] { "message", "errorMessage", "error_description", "errors", "error" })
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
            {
                return $": {Scrub(text, secrets)}";
            }
        }

        return string.Empty;
    }

    /// <summary><paramref name="text"/> shortened, with every secret replaced by <c>(hidden)</c>.</summary>
    public static string Scrub(string text, IReadOnlyList<string> secrets)
    {
        foreach (var secret in secrets.Where(s => s.Length > 0))
        {
            text = text.Replace(secret, "(hidden)", StringComparison.Ordinal);
        }

        return Trimmed(text, MaxMessageLength);
    }


    private static string Trimmed(string text, int length) =>
        text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");

    private sealed record PlatformWritten(string Platform, IReadOnlyList<string> Written);
}

/// <summary>One classified round trip: the answer's JSON to go on with, or the outcome that ends the write-back.</summary>
internal sealed class PlatformReply(int status, JsonDocument? json, DeliveryOutcome? failure) : IDisposable
{
    public int Status { get; } = status;

    /// <summary>The answer's JSON; <c>default</c> when <see cref="Failure"/> is set.</summary>
    public JsonElement Root => json?.RootElement ?? default;

    /// <summary>Why the write-back ends here (retry or permanent); null when the answer was a readable success.</summary>
    public DeliveryOutcome? Failure { get; } = failure;

    public static PlatformReply Failed(DeliveryOutcome failure) => new(0, null, failure);

    public void Dispose() => json?.Dispose();
}

