using System.Globalization;
using System.Text.Json;
using OrleansShop.Silo.Providers.Http;
using static System.FormattableString;

namespace OrleansShop.Silo.Providers.Szamlahegy;

/// <summary>
/// Reads Számlahegy's answer to an invoice. 201 carries the invoice (<c>id</c>, <c>guid</c>); a
/// repeated <c>foreign_id</c> is refused with <c>{"foreign_id":["must be unique for issuer"]}</c>,
/// which means the invoice exists already. A success whose body cannot be read is retryable on
/// purpose: the retry carries the same <c>foreign_id</c>, so it finds the invoice rather than making a second.
/// </summary>
internal static class SzamlahegyAnswer
{
    private const string Provider = "Számlahegy";

    public static SzamlahegyResult Read(int status, byte[] body, Uri baseAddress)
    {
        using var json = ResponseBody.TryParseJson(body);
        var root = json?.RootElement ?? default;
        if (IsDuplicateForeignId(root))
        {
            return new(SzamlahegyOutcome.AlreadyIssued, status, "Számlahegy already has an invoice with this foreign_id; its number is not in the answer");
        }

        if (status is >= 200 and < 300)
        {
            return Created(status, root, baseAddress)
                ?? new(SzamlahegyOutcome.Retryable, status, Invariant($"unreadable answer (HTTP {status}): {ResponseBody.Describe(body, json is not null, "JSON without an id and a guid")}"));
        }

        return status switch
        {
            >= 500 or 408 or 429 => new(SzamlahegyOutcome.Retryable, status, Invariant($"{Provider} answered HTTP {status}")),
            401 or 403 => new(SzamlahegyOutcome.Permanent, status, Invariant($"{Provider} refused the API key or this server's IP address (HTTP {status})")),
            404 or 405 => new(SzamlahegyOutcome.Permanent, status, Invariant($"{Provider} answered HTTP {status}; is the base address right?")),
            _ => new(SzamlahegyOutcome.Permanent, status, Invariant($"{Provider} refused the invoice (HTTP {status}){Fields(root)}")),
        };
    }

    private static SzamlahegyResult? Created(int status, JsonElement root, Uri baseAddress)
    {
        if (root.ValueKind != JsonValueKind.Object || Scalar(root, "id") is not { } id || Scalar(root, "guid") is not { Length: > 0 } guid)
        {
            return null;
        }

        // Számlahegy's own webshop plugins build the document link from the guid; the answer carries no URL.
        var url = new Uri($"{baseAddress.AbsoluteUri.TrimEnd('/')}/user/invoices/download/{Uri.EscapeDataString(guid)}?inline=true");
        var number = Scalar(root, "invoice_number") ?? Scalar(root, "number");
        return new(SzamlahegyOutcome.Created, status, number is null ? "invoice created; the answer carries no invoice number" : "invoice created", id, number, url);
    }

    private static bool IsDuplicateForeignId(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("foreign_id", out var errors)
        && errors.ValueKind == JsonValueKind.Array
        && errors.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String && e.GetString()!.Contains("unique", StringComparison.OrdinalIgnoreCase));

    /// <summary>The names of the fields a validation answer complains about; never its messages, which may quote the buyer's data.</summary>
    private static string Fields(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return string.Empty;
        }

        var names = root.EnumerateObject().Select(p => p.Name).Where(n => n.Length <= 64 && n.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.')).Take(10).ToList();
        return names.Count == 0 ? string.Empty : $": {string.Join(", ", names)}";
    }

    private static string? Scalar(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
