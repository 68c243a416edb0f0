using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Silo.Providers.Http;

namespace OrleansShop.Silo.Providers.TrustedShops;

/// <summary>eTrusted's JSON: the event written as its events API takes it, and its answers read.</summary>
internal static class ETrustedWire
{
    private const int MaxQuotedMessage = 200;

    public static JsonContent EventContent(CheckoutEvent checkout, string channelId) => JsonContent.Create(new Dictionary<string, object?>
    {
        ["type"] = checkout.Type,
        ["customer"] = Compact(new() { ["firstName"] = checkout.FirstName, ["lastName"] = checkout.LastName, ["email"] = checkout.Email }),
        ["channel"] = new Dictionary<string, string> { ["id"] = channelId, ["type"] = "etrusted" },
        ["transaction"] = new Dictionary<string, string>
        {
            ["reference"] = checkout.Reference,
            ["date"] = checkout.TransactionDate.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        },
        ["estimatedDeliveryDate"] = checkout.DeliveryDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["products"] = checkout.Products.Select(p => new Dictionary<string, string> { ["sku"] = p.Sku, ["name"] = p.Name }).ToList(),
        ["system"] = "OrleansShop",
    });

    /// <summary>A token answer: <c>access_token</c> and <c>expires_in</c> seconds, or null when it is not one.</summary>
    public static (string Token, TimeSpan Lifetime)? Token(byte[] body)
    {
        using var json = ResponseBody.TryParseJson(body);
        return json?.RootElement is { ValueKind: JsonValueKind.Object } root
            && root.TryGetProperty("access_token", out var token) && token.ValueKind == JsonValueKind.String && token.GetString() is { Length: > 0 } value
            && root.TryGetProperty("expires_in", out var expires) && expires.ValueKind == JsonValueKind.Number && expires.TryGetInt32(out var seconds) && seconds > 0
                ? (value, TimeSpan.FromSeconds(seconds))
                : null;
    }

    /// <summary>An OAuth2 error answer's <c>error</c> code (<c>invalid_client</c>, …), which quotes nothing of the request.</summary>
    public static string? OAuthError(byte[] body)
    {
        using var json = ResponseBody.TryParseJson(body);
        return json?.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
            && error.GetString() is { Length: > 0 and <= 64 } code && code.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
                ? code
                : null;
    }

    /// <summary>The EventRef of an accepted event; null when the answer did not carry one.</summary>
    public static string? EventRef(byte[] body) => Member(body, "EventRef") is { Length: <= 128 } reference ? reference : null;

    /// <summary>An error answer's capitalised <c>Message</c>, unless it quotes an address or is too long to be a message.</summary>
    public static string Describe(int status, byte[] body) =>
        Member(body, "Message") is { Length: > 0 and <= MaxQuotedMessage } message && !message.Contains('@', StringComparison.Ordinal)
            ? $"eTrusted answered {status}: {message}"
            : $"eTrusted answered {status} with {Shape(body, "JSON without a Message")}";

    /// <summary>What kind of thing an unexpected body was, quoting none of it.</summary>
    public static string Shape(byte[] body, string jsonShape)
    {
        using var json = ResponseBody.TryParseJson(body);
        return ResponseBody.Describe(body, json is not null, jsonShape);
    }

    private static string? Member(byte[] body, string name)
    {
        using var json = ResponseBody.TryParseJson(body);
        return json?.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
    }

    private static Dictionary<string, string> Compact(Dictionary<string, string?> members) =>
        members.Where(m => m.Value is not null).ToDictionary(m => m.Key, m => m.Value!);
}
