using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Observability;

/// <summary>An OpenTelemetry collector on loopback, as OTLP over HTTP with protobuf bodies reaches it (<c>POST /v1/traces</c>, <c>/v1/logs</c>, <c>/v1/metrics</c>): it keeps every export and answers 200.</summary>
public sealed class FakeOtlpCollector : FakeProviderServer
{
    private FakeOtlpCollector()
        : base(200, string.Empty, "application/x-protobuf")
    {
    }

    /// <summary>The bodies of every trace export received so far.</summary>
    public IReadOnlyList<byte[]> TraceExports => [.. Received.Where(r => r.Method == "POST" && r.Path == "/v1/traces").Select(r => r.Body)];

    /// <summary>Every span exported so far, as (trace id in hex, name).</summary>
    public IReadOnlyList<(string TraceId, string Name)> Spans => [.. TraceExports.SelectMany(SpansIn)];

    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var collector = new FakeOtlpCollector();
        await collector.StartServerAsync();
        return collector;
    }

    /// <summary>
    /// The spans of one <c>ExportTraceServiceRequest</c>. A span (opentelemetry/proto/trace/v1/trace.proto)
    /// begins with <c>trace_id</c> (field 1, 16 bytes) and <c>span_id</c> (field 2, 8 bytes); its
    /// <c>name</c> (field 5, a string) follows after the trace state, the parent span id and the flags
    /// (fields 3, 4, 16), as OpenTelemetry .NET writes them. This reads just that.
    /// </summary>
    private static IEnumerable<(string TraceId, string Name)> SpansIn(byte[] body)
    {
        for (var i = 0; i + 28 <= body.Length; i++)
        {
            if (body[i] != 0x0A || body[i + 1] != 16 || body[i + 18] != 0x12 || body[i + 19] != 8)
            {
                continue;
            }

            var traceId = Convert.ToHexStringLower(body, i + 2, 16);
            if (NameAfter(body, i + 28) is { } name)
            {
                yield return (traceId, name);
            }
        }
    }

    /// <summary>Skips the span's fields 3, 4 and 16 (trace state, parent span id, flags) and reads field 5, the name.</summary>
    private static string? NameAfter(byte[] body, int at)
    {
        for (var field = 0; field < 4 && at < body.Length; field++)
        {
            if (at + 6 <= body.Length && body[at] == 0x85 && body[at + 1] == 0x01)
            {
                at += 6; // flags: field 16, a fixed32
                continue;
            }

            var tag = body[at];
            if (tag is not (0x1A or 0x22 or 0x2A) || !TryLength(body, at + 1, out var length, out var start) || start + length > body.Length)
            {
                return null;
            }

            if (tag == 0x2A)
            {
                return System.Text.Encoding.UTF8.GetString(body, start, length);
            }

            at = start + length;
        }

        return null;
    }

    private static bool TryLength(byte[] body, int at, out int length, out int start)
    {
        length = 0;
        for (var shift = 0; at < body.Length && shift < 32; shift += 7)
        {
            var b = body[at++];
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                start = at;
                return true;
            }
        }

        start = at;
        return false;
    }
}
