using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Unicode;

namespace OrleansShop.Silo.Webhooks.Payloads;

/// <summary>Parses a verified body into a JSON object, turning every parser failure into a <see cref="WebhookPayloadException"/>.</summary>
internal static class JsonPayload
{
    public const string BodyField = "body";

    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = PayloadLimits.MaxDepth,
        // A repeated key could be read one way by us and another way by whoever reads the body next.
        AllowDuplicateProperties = false,
    };

    /// <summary>
    /// The body as a JSON document whose root is an object. Invalid UTF-8, truncation, comments,
    /// trailing commas, repeated keys and nesting past <see cref="PayloadLimits.MaxDepth"/> are all rejected.
    /// </summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        // Checked over the whole body, not only the strings a profile reads, so no invalid byte is passed on.
        if (!Utf8.IsValid(body.Span))
        {
            throw new WebhookPayloadException(BodyField, "The body is not valid UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException e)
        {
            throw new WebhookPayloadException(BodyField, $"The body is not valid JSON: {e.Message}");
        }
        catch (InvalidOperationException)
        {
            // The duplicate-key check unescapes keys, and throws this rather than JsonException for an unpaired \ud800.
            throw new WebhookPayloadException(BodyField, "The body has a key that is not valid Unicode text.");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new WebhookPayloadException(BodyField, "The body must be a JSON object.");
        }

        // Escapes such as an unpaired \ud800 are valid JSON but not text, and System.Text.Json throws
        // InvalidOperationException when it meets one, even in a key it only compares while looking up
        // another. Checking every key and string once here keeps that exception out of the profiles.
        if (JsonText.FirstInvalidPath(document.RootElement) is { } path)
        {
            document.Dispose();
            var field = path.Length == 0 ? BodyField : path;
            throw new WebhookPayloadException(field, $"{field} holds an escape that is not valid Unicode text.");
        }

        return document;
    }

    /// <summary>A stable fingerprint of the raw body, for dedup keys of deliveries that carry no better identity.</summary>
    public static string Fingerprint(ReadOnlyMemory<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body.Span));
}
