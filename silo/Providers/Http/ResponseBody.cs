using System.Text.Json;

namespace OrleansShop.Silo.Providers.Http;

/// <summary>
/// What every connector does with a provider's answer before reading it: read it up to a bound, so a
/// runaway or hostile answer cannot fill memory; parse it as JSON if it is; and say what it was when
/// it was not, without repeating any of it (an error page may echo the request).
/// </summary>
internal static class ResponseBody
{
    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The body as JSON, or null when it is not JSON; the caller disposes it.</summary>
    public static JsonDocument? TryParseJson(byte[] body)
    {
        try
        {
            // Some servers start JSON with a UTF-8 byte order mark, which the parser rejects.
            var utf8 = body.AsMemory();
            return JsonDocument.Parse(utf8.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? utf8[3..] : utf8);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What kind of thing an unreadable body was, in a few words that quote none of it.</summary>
    /// <param name="jsonShape">How to call a body that is JSON but not the expected shape, e.g. "JSON without a code".</param>
    public static string Describe(byte[] body, bool isJson, string jsonShape) =>
        body.All(IsWhiteSpace) ? "an empty body"
        : isJson ? jsonShape
        : body.SkipWhile(IsWhiteSpace).First() == (byte)'<' ? "HTML or XML, not JSON"
        : "not JSON";

    private static bool IsWhiteSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
