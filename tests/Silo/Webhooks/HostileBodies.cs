using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;

namespace OrleansShop.Tests.Silo.Webhooks;

/// <summary>What a field holds, which decides the values that are wrong for it.</summary>
internal enum FieldKind
{
    Text,
    Email,
    Timestamp,
    Currency,
    CountryCode,
    Integer,
    Number,
    DecimalString,
    NumberOrDecimalString,
    Object,
    Array,
    Boolean,
}

/// <summary>A field a profile reads, at its path in a valid body.</summary>
internal sealed record FieldSpec(string Path, FieldKind Kind, bool Required = false);

/// <summary>A body every profile must reject; <see cref="Field"/> is the field the rejection must name, when it is known.</summary>
internal sealed record HostileCase(string Description, byte[] Body, string? Field);

/// <summary>
/// Generates malformed variants of a valid body: not JSON at all, truncated, invalid UTF-8, nested
/// too deep, repeated keys, too many lines, and each read field given a wrong type, an absurd value
/// or (if required) nothing.
/// </summary>
internal static class HostileBodies
{
    private const string Body = "body";

    private static readonly string[] WrongForString = ["12", "12.5", "true", "{}", "[]", "[\"x\"]"];
    private static readonly string[] AbsurdText = ["\"\\u0000\"", "\"\\ud800\"", "\"a\\u0007b\"", $"\"{new string('x', 2000)}\""];
    private static readonly string[] WrongForNumber = ["\"12\"", "true", "{}", "[]", "\"abc\""];
    private static readonly string[] HugeNumbers = ["1e400", "-1e400", "1e30", "-1", "123456789012345678901234567890", "1e15"];

    private static readonly string[] BadDecimalStrings =
        ["\"1e400\"", "\"NaN\"", "\"Infinity\"", "\"-1.00\"", "\"1,000.00\"", "\"99999999999999999999999999999999\"", "\"1e3\"", "\"\"", "\" 12.00\"", "\"2000000000000.00\""];

    private static readonly string[] NotJson =
        ["", " ", "null", "[]", "\"order\"", "42", "{", "}", "{}", "<order id=\"1\"/>", "webhook_id=1", "{\"id\":1,}", "{'id':1}", "/* c */{}", "{\"id\":1}garbage", "\uFEFF{}"];

    private static readonly byte[][] InvalidUtf8 =
        [[0xFF], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82]];

    public static IEnumerable<HostileCase> For(byte[] valid, IReadOnlyList<FieldSpec> fields, string linesPath)
    {
        foreach (var text in NotJson)
        {
            yield return new HostileCase($"not a JSON object: {text}", Encoding.UTF8.GetBytes(text), null);
        }

        var json = valid.AsSpan().TrimEnd(" \r\n\t"u8).ToArray();
        var step = Math.Max(1, json.Length / 80);
        for (var length = 0; length < json.Length; length += step)
        {
            yield return new HostileCase($"truncated to {length} bytes", json[..length], Body);
        }

        yield return new HostileCase("missing its last byte", json[..^1], Body);

        var stringStarts = StringValueStarts(json).ToList();
        foreach (var (bytes, index) in InvalidUtf8.Select((b, i) => (b, i)))
        {
            var at = stringStarts[index * stringStarts.Count / InvalidUtf8.Length];
            yield return new HostileCase($"invalid UTF-8 {Convert.ToHexString(bytes)} at byte {at}", [.. json[..at], .. bytes, .. json[at..]], Body);
        }

        foreach (var depth in new[] { 33, 64, 1000, 100_000 })
        {
            yield return new HostileCase($"arrays nested {depth} deep", Prepend(json, $"\"deep\":{new string('[', depth)}{new string(']', depth)},"), Body);
            yield return new HostileCase($"objects nested {depth} deep", Prepend(json, $"\"deep\":{string.Concat(Enumerable.Repeat("{\"a\":", depth))}1{new string('}', depth)},"), Body);
        }

        using (var document = JsonDocument.Parse(json))
        {
            var first = document.RootElement.EnumerateObject().First();
            yield return new HostileCase($"repeated key {first.Name}", Prepend(json, $"\"{first.Name}\":{first.Value.GetRawText()},"), Body);
        }

        yield return new HostileCase($"{linesPath} with 1001 lines", ManyLines(json, linesPath, 1001), linesPath);

        foreach (var field in fields)
        {
            foreach (var value in HostileValues(field.Kind))
            {
                yield return new HostileCase($"{field.Path} = {Shorten(value)}", JsonEdits.Replace(json, field.Path, value), field.Path);
            }

            if (field.Required)
            {
                yield return new HostileCase($"{field.Path} = null", JsonEdits.Replace(json, field.Path, "null"), field.Path);
                yield return new HostileCase($"{field.Path} removed", JsonEdits.Remove(json, field.Path), field.Path);
                if (field.Kind is FieldKind.Text or FieldKind.Email or FieldKind.Currency)
                {
                    yield return new HostileCase($"{field.Path} blank", JsonEdits.Replace(json, field.Path, "\"   \""), field.Path);
                }
            }
        }
    }

    /// <summary>Seeded random damage (flipped, dropped, repeated and inserted bytes): the body may still be valid.</summary>
    public static IEnumerable<(string Description, byte[] Body)> RandomMutations(byte[] valid, int count, int seed)
    {
        string[] tokens = ["null", "0", "-1", "1e999", "\"", "{", "}", "[", "]", ",", ":", "\"x\":1,", "\\u0000", "\\ud800", "\"\\ud800\"", "[[[[[[[[", "1.5"];
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var body = valid.ToList();
            var steps = new List<string>();
            for (var op = random.Next(1, 4); op > 0 && body.Count > 1; op--)
            {
                var at = random.Next(body.Count);
                switch (random.Next(4))
                {
                    case 0:
                        var value = (byte)random.Next(256);
                        steps.Add($"byte {at} := {value:X2}");
                        body[at] = value;
                        break;
                    case 1:
                        var dropped = Math.Min(random.Next(1, 12), body.Count - at);
                        steps.Add($"drop {dropped} at {at}");
                        body.RemoveRange(at, dropped);
                        break;
                    case 2:
                        var repeated = body.Skip(at).Take(random.Next(1, 40)).ToList();
                        steps.Add($"repeat {repeated.Count} at {at}");
                        body.InsertRange(at, repeated);
                        break;
                    default:
                        var token = tokens[random.Next(tokens.Length)];
                        steps.Add($"insert {token} at {at}");
                        body.InsertRange(at, Encoding.UTF8.GetBytes(token));
                        break;
                }
            }

            yield return (string.Join("; ", steps), body.ToArray());
        }
    }

    private static string[] HostileValues(FieldKind kind) => kind switch
    {
        FieldKind.Text => [.. WrongForString, .. AbsurdText],
        FieldKind.Email => [.. WrongForString, .. AbsurdText, "\"not-an-email\"", "\"a@b@c.example\"", "\"a b@c.example\"", "\"@c.example\"", "\"a@\""],
        FieldKind.Timestamp => [.. WrongForString, .. AbsurdText, "\"not-a-date\"", "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"", "\"2024-13-45T99:00:00Z\""],
        FieldKind.Currency => [.. WrongForString, .. AbsurdText, "\"TRYX\"", "\"T\"", "\"1$2\"", "\"₺\""],
        FieldKind.CountryCode => [.. WrongForString, .. AbsurdText, "\"TUR\"", "\"T1\""],
        FieldKind.Integer => [.. WrongForNumber, .. HugeNumbers, "0", "1.5", "\"5897312321811\""],
        FieldKind.Number => [.. WrongForNumber, .. HugeNumbers],
        FieldKind.DecimalString => ["12", "12.5", "true", "{}", "[]", .. BadDecimalStrings],
        FieldKind.NumberOrDecimalString => ["true", "{}", "[]", "[\"1\"]", .. HugeNumbers, .. BadDecimalStrings],
        FieldKind.Object => ["\"x\"", "12", "[]", "true"],
        FieldKind.Array => ["\"x\"", "12", "{}", "true"],
        FieldKind.Boolean => ["\"true\"", "1", "{}", "[]"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Offsets just inside the opening quote of string values (after <c>":</c>), where a bad byte lands in a value.</summary>
    private static IEnumerable<int> StringValueStarts(byte[] json)
    {
        for (var i = 1; i < json.Length; i++)
        {
            if (json[i] == '"' && json.AsSpan(0, i).TrimEnd(" \n\r\t"u8) is [.., (byte)':'])
            {
                yield return i + 1;
            }
        }
    }

    private static byte[] Prepend(byte[] json, string members)
    {
        var open = Array.IndexOf(json, (byte)'{') + 1;
        return [.. json[..open], .. Encoding.UTF8.GetBytes(members), .. json[open..]];
    }

    private static byte[] ManyLines(byte[] json, string linesPath, int count)
    {
        var line = JsonNode.Parse(json)!;
        foreach (var step in linesPath.Split('.'))
        {
            line = line[step]!;
        }

        var copies = string.Join(",", Enumerable.Repeat(line[0]!.ToJsonString(), count));
        return JsonEdits.Replace(json, linesPath, $"[{copies}]");
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : $"{value[..20]}…({value.Length} chars)";
}
