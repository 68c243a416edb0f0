using System.Text.Json;

namespace OrleansShop.Silo.Webhooks.Payloads;

/// <summary>
/// Finds JSON text that is well-formed but not Unicode: an escaped unpaired surrogate (<c>\ud800</c>)
/// in a key or a string, which System.Text.Json only notices when it unescapes it.
/// </summary>
internal static class JsonText
{
    /// <summary>Null when every key and string is valid text; otherwise the path of the first that is not ("" for the root).</summary>
    public static string? FirstInvalidPath(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!IsText(() => property.Name))
                    {
                        return "";
                    }

                    if (FirstInvalidPath(property.Value) is { } inner)
                    {
                        return inner.Length == 0 ? property.Name : inner.StartsWith('[') ? property.Name + inner : $"{property.Name}.{inner}";
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstInvalidPath(item) is { } inner)
                    {
                        return $"[{index}]" + (inner.Length == 0 || inner.StartsWith('[') ? inner : "." + inner);
                    }

                    index++;
                }

                return null;
            case JsonValueKind.String:
                return IsText(element.GetString) ? null : "";
            default:
                return null;
        }
    }

    private static bool IsText(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
