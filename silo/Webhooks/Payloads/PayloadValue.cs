using System.Globalization;
using System.Text.Json;

namespace OrleansShop.Silo.Webhooks.Payloads;

/// <summary>
/// A JSON value and the path that leads to it (<c>data.total.amount</c>, <c>line_items[2].quantity</c>),
/// so that every rejection names its field. Readers are strict about types: a number where a string
/// belongs, or the reverse, is malformed.
/// </summary>
internal readonly record struct PayloadValue(JsonElement Element, string Path)
{
    public static PayloadValue Root(JsonDocument document, string path = "")
    {
        ArgumentNullException.ThrowIfNull(document);
        return new PayloadValue(document.RootElement, path);
    }

    public bool IsObject => Element.ValueKind == JsonValueKind.Object;

    /// <summary>The property, which must be present and not null.</summary>
    public PayloadValue Required(string name) =>
        Optional(name) ?? throw Fail(Child(name), "is required.");

    /// <summary>The property, or null when it is absent or JSON null.</summary>
    public PayloadValue? Optional(string name)
    {
        var container = AsObject();
        return container.Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? new PayloadValue(value, Child(name))
            : null;
    }

    public PayloadValue AsObject() =>
        Element.ValueKind == JsonValueKind.Object ? this : throw Fail(Path, "must be an object.");

    public IReadOnlyList<PayloadValue> AsArray(int maxItems)
    {
        if (Element.ValueKind != JsonValueKind.Array)
        {
            throw Fail(Path, "must be an array.");
        }

        var length = Element.GetArrayLength();
        if (length > maxItems)
        {
            throw Fail(Path, $"has {length} items; at most {maxItems} are accepted.");
        }

        var path = Path;
        return [.. Element.EnumerateArray().Select((item, index) => new PayloadValue(item, $"{path}[{index}]"))];
    }

    /// <summary>
    /// A non-empty string of at most <paramref name="maxLength"/> characters. Free text may break
    /// lines (an address typed into a text area); no other control character is accepted.
    /// </summary>
    public string AsText(int maxLength = PayloadLimits.MaxTextLength) => ReadText(maxLength, allowLineBreaks: true);

    /// <summary>An identifier, status, code or time: at most <see cref="PayloadLimits.MaxIdentifierLength"/> characters, no control characters at all.</summary>
    public string AsIdentifier() => ReadText(PayloadLimits.MaxIdentifierLength, allowLineBreaks: false);

    /// <summary>Like <see cref="AsText"/>, but an empty string reads as absent (platforms send <c>""</c> for unset fields).</summary>
    public string? AsOptionalText(int maxLength = PayloadLimits.MaxTextLength) =>
        Element.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(AsRawString()) ? null : AsText(maxLength);

    /// <summary>An e-mail address: one '@' with something on both sides, no spaces.</summary>
    public string AsEmail()
    {
        var email = AsText(PayloadLimits.MaxEmailLength).Trim();
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1 && !email.Any(char.IsWhiteSpace)
            ? email
            : throw Fail(Path, "is not an e-mail address.");
    }

    /// <summary>A JSON integer greater than zero (platform order ids).</summary>
    public long AsPositiveInteger() =>
        Element.ValueKind == JsonValueKind.Number && Element.TryGetInt64(out var value) && value > 0
            ? value
            : throw Fail(Path, "must be a positive integer.");

    /// <summary>A JSON number that fits a decimal (no exponent overflow, no NaN: JSON has none).</summary>
    public decimal AsNumber()
    {
        if (Element.ValueKind != JsonValueKind.Number)
        {
            throw Fail(Path, "must be a number.");
        }

        return Element.TryGetDecimal(out var value) ? value : throw Fail(Path, "is out of range.");
    }

    public bool AsBoolean() => Element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Fail(Path, "must be true or false."),
    };

    /// <summary>An ISO 8601 / RFC 3339 time; one without an offset is taken as UTC.</summary>
    public DateTimeOffset AsTimestamp()
    {
        var text = AsIdentifier();
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            throw Fail(Path, "is not an ISO 8601 time.");
        }

        return value >= PayloadLimits.EarliestTime && value < PayloadLimits.LatestTime
            ? value
            : throw Fail(Path, "is not a believable time.");
    }

    public WebhookPayloadException Fail(string message) => Fail(Path, message);

    private static WebhookPayloadException Fail(string path, string message)
    {
        var field = path.Length == 0 ? JsonPayload.BodyField : path;
        return new WebhookPayloadException(field, $"{field} {message}");
    }

    private string ReadText(int maxLength, bool allowLineBreaks)
    {
        var text = AsRawString();
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Fail(Path, "must not be empty.");
        }

        if (text.Length > maxLength)
        {
            throw Fail(Path, $"is longer than {maxLength} characters.");
        }

        if (text.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t')))
        {
            throw Fail(Path, "contains control characters.");
        }

        return text;
    }

    private string AsRawString()
    {
        if (Element.ValueKind != JsonValueKind.String)
        {
            throw Fail(Path, "must be a string.");
        }

        // JsonPayload.Parse has already checked that every string is valid text.
        return Element.GetString()!;
    }

    private string Child(string name) => Path.Length == 0 ? name : $"{Path}.{name}";
}
