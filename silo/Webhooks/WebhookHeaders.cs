namespace OrleansShop.Silo.Webhooks;

/// <summary>Header lookup on a <see cref="WebhookRequest"/>.</summary>
internal static class WebhookHeaders
{
    /// <summary>
    /// The header's value, or null when it is absent. The contract promises case-insensitive names,
    /// but a request built from a plain dictionary would not honour that, so fall back to a scan.
    /// </summary>
    public static string? Get(this WebhookRequest request, string name)
    {
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
}
