using System.Text;

namespace OrleansShop.Tests.Silo.Endpoints.Webhooks;

/// <summary>Bodies a careless or hostile sender might post: each index picks one kind, deterministically.</summary>
internal static class HostileBodies
{
    private static readonly string[] Kinds =
    [
        "truncated JSON", "random bytes", "invalid UTF-8", "deep nesting", "huge number", "wrong types", "unknown type",
        "missing data", "array root", "empty", "NaN total", "negative total", "bad currency", "null fields", "string of JSON",
    ];

    public static string Describe(int index) => Kinds[index % Kinds.Length];

    public static byte[] Make(int index, Random random, byte[] valid) => (index % Kinds.Length) switch
    {
        0 => valid[..random.Next(1, valid.Length - 1)],
        1 => RandomBytes(random),
        2 => [.. valid[..20], 0xC3, 0x28, 0xFF, 0xFE, .. valid[20..]],
        3 => Encoding.UTF8.GetBytes(new string('[', 200 + random.Next(5000)) + new string(']', 10)),
        4 => Utf8("""{"type":"order.created","data":{"orderId":"1","email":"a@b.c","paymentMethod":"cod","total":{"amount":1""" + new string('9', 400) + ""","currency":"HUF"}}}"""),
        5 => Utf8("""{"type":"order.created","data":{"orderId":17,"email":["a"],"paymentMethod":{},"total":"lots"}}"""),
        6 => Utf8($$$"""{"type":"order.{{{random.Next()}}}","data":{"orderId":"1"}}"""),
        7 => Utf8("""{"type":"order.status_changed"}"""),
        8 => Utf8("[1,2,3]"),
        9 => [],
        10 => Utf8("""{"type":"order.created","data":{"orderId":"1","email":"a@b.c","paymentMethod":"cod","total":{"amount":"NaN","currency":"HUF"}}}"""),
        11 => Utf8("""{"type":"order.created","data":{"orderId":"1","email":"a@b.c","paymentMethod":"cod","total":{"amount":"-5.00","currency":"HUF"}}}"""),
        12 => Utf8("""{"type":"order.created","data":{"orderId":"1","email":"a@b.c","paymentMethod":"cod","total":{"amount":"5.00","currency":"FORINT"}}}"""),
        13 => Utf8("""{"type":null,"data":{"orderId":null,"status":null}}"""),
        _ => Utf8("\"{\\\"type\\\":\\\"order.created\\\"}\""),
    };

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 2048)];
        random.NextBytes(bytes);
        return bytes;
    }
}
