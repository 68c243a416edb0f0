using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OrleansShop.Tests.Silo.Webhooks;

/// <summary>Edits a JSON body at a path such as <c>line_items[0].price</c>, splicing in raw JSON text (valid or not).</summary>
internal static partial class JsonEdits
{
    private const string Placeholder = "__replaced_by_raw_json__";
    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Replace(byte[] body, string path, string rawJson)
    {
        var root = JsonNode.Parse(body)!;
        var (parent, last) = Locate(root, path);
        if (last is int index)
        {
            parent.AsArray()[index] = Placeholder;
        }
        else
        {
            parent.AsObject()[(string)last] = Placeholder;
        }

        var text = root.ToJsonString(Output).Replace($"\"{Placeholder}\"", rawJson, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text);
    }

    public static byte[] Remove(byte[] body, string path)
    {
        var root = JsonNode.Parse(body)!;
        var (parent, last) = Locate(root, path);
        if (last is int index)
        {
            parent.AsArray().RemoveAt(index);
        }
        else
        {
            parent.AsObject().Remove((string)last);
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString(Output));
    }

    private static (JsonNode Parent, object Last) Locate(JsonNode root, string path)
    {
        var steps = Segment().Matches(path)
            .Select(m => m.Groups[2].Success ? (object)int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : m.Groups[1].Value)
            .ToList();
        var node = root;
        foreach (var step in steps[..^1])
        {
            node = step is int index ? node.AsArray()[index]! : node.AsObject()[(string)step]!;
        }

        return (node, steps[^1]);
    }

    [GeneratedRegex(@"([^.\[\]]+)|\[(\d+)\]")]
    private static partial Regex Segment();
}
