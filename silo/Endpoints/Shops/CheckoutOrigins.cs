namespace OrleansShop.Silo.Endpoints.Shops;

/// <summary>
/// <c>checkout.allowedOrigins</c>: the storefront origins whose pages may call cod-eligibility from a
/// browser. Each is an absolute http(s) origin — scheme, host and port, nothing else — kept in the
/// form browsers send in <c>Origin</c>: lower case, without a default port or a trailing slash.
/// </summary>
internal static class CheckoutOrigins
{
    /// <summary>At most this many origins per shop.</summary>
    public const int MaxOrigins = 20;

    /// <summary>The origins as they are kept, or an empty list after naming the first invalid one.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<string?>? origins, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(fail);
        if (origins is null)
        {
            return [];
        }

        if (origins.Count > MaxOrigins)
        {
            fail("checkout.allowedOrigins", $"checkout.allowedOrigins holds at most {MaxOrigins} origins.");
            return [];
        }

        var kept = new List<string>();
        for (var i = 0; i < origins.Count; i++)
        {
            if (Normalize(origins[i]) is not { } origin)
            {
                fail($"checkout.allowedOrigins[{i}]", "Each of checkout.allowedOrigins is an absolute http or https origin such as https://shop.example (scheme, host and port only: no path, query, fragment or user info).");
                return [];
            }

            if (!kept.Contains(origin, StringComparer.Ordinal))
            {
                kept.Add(origin);
            }
        }

        return kept;
    }

    /// <summary><c>scheme://host[:port]</c> in lower case, or null when <paramref name="value"/> (surrounding spaces and one trailing slash aside) is not an http(s) origin.</summary>
    public static string? Normalize(string? value)
    {
        var text = value?.Trim();
        if (text is not { Length: > 0 and <= 300 }
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.AbsolutePath != "/"
            || text.Contains('?', StringComparison.Ordinal) || text.Contains('#', StringComparison.Ordinal))
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }
}
