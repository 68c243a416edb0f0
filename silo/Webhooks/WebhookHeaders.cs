using OrleansShop.Silo.Webhooks.Payloads;

namespace OrleansShop.Silo.Webhooks;

/// <summary>Header lookup on a <see cref="WebhookRequest"/>.</summary>
internal static class WebhookHeaders
{
    /// <summary>
    /// The header's raw value, or null when it is absent. The contract promises case-insensitive
    /// names, but a request built from a plain dictionary would not honour that, so fall back to a scan.
    /// </summary>
    public static string? Get(this WebhookRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.TryGetValue(name, out var value))
        {
            return value;
        }

        foreach (var (key, candidate) in request.Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>A trimmed identifier-like header (topic, event id), or null when absent or blank.</summary>
    public static string? OptionalValue(this WebhookRequest request, string name)
    {
        var value = request.Get(name)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return value.Length <= PayloadLimits.MaxIdentifierLength && !value.Any(char.IsControl)
            ? value
            : throw new WebhookPayloadException(name, $"The {name} header is not a plausible value.");
    }

    public static string RequiredValue(this WebhookRequest request, string name) =>
        request.OptionalValue(name) ?? throw new WebhookPayloadException(name, $"The {name} header is required.");
}
