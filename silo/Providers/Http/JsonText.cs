using System.Text.Json;

namespace OrleansShop.Silo.Providers.Http;

/// <summary>Reading providers' JSON fields that one provider writes as a string and another (or the same, another day) as a number.</summary>
internal static class JsonText
{
    /// <summary>A string property's value, a number's text (<c>"code":"00"</c>, <c>"jobid":123</c>), or null.</summary>
    public static string? Of(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
