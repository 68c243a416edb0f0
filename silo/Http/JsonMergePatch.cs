using System.Text.Json.Nodes;

namespace OrleansShop.Silo.Http;

/// <summary>
/// RFC 7396 JSON Merge Patch: a member of the patch replaces the target's, an object is merged
/// member by member, and <c>null</c> removes the member.
/// </summary>
internal static class JsonMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject members)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (name, value) in members)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                var current = result[name];
                result.Remove(name);
                result[name] = Apply(current, value);
            }
        }

        return result;
    }

    /// <summary>The dotted paths of the members <paramref name="patch"/> sets or removes (<c>webhooks.secret</c>), objects descended into.</summary>
    public static IEnumerable<string> Paths(JsonObject patch, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(patch);
        foreach (var (name, value) in patch)
        {
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            if (value is JsonObject inner)
            {
                foreach (var nested in Paths(inner, path))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return path;
            }
        }
    }
}
