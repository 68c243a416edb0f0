using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Observability;

/// <summary>An OpenTelemetry collector on loopback, as OTLP over HTTP with protobuf bodies reaches it (<c>POST /v1/traces</c>, <c>/v1/metrics</c>): it keeps every export and answers 200.</summary>
public sealed class FakeOtlpCollector : FakeProviderServer
{
    private FakeOtlpCollector()
        : base(200, string.Empty, "application/x-protobuf")
    {
    }

    /// <summary>The bodies of every trace export received so far.</summary>
    public IReadOnlyList<byte[]> TraceExports => [.. Received.Where(r => r.Method == "POST" && r.Path == "/v1/traces").Select(r => r.Body)];

    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var collector = new FakeOtlpCollector();
        await collector.StartServerAsync();
        return collector;
    }

    /// <summary>
    /// Whether an exported span of trace <paramref name="traceId"/> is named <paramref name="spanName"/>.
    /// In OTLP's protobuf a span carries its trace id as 16 raw bytes and its name as UTF-8, a few
    /// bytes apart; an export holding both within one span's reach is that span.
    /// </summary>
    public bool HasSpan(string traceId, string spanName)
    {
        var id = Convert.FromHexString(traceId);
        var name = System.Text.Encoding.UTF8.GetBytes(spanName);
        return TraceExports.Any(body => Spans(body, id).Any(span => span.AsSpan().IndexOf(name) >= 0));
    }

    /// <summary>The stretch of each span after an occurrence of its trace id: up to the next span's trace id, or 512 bytes.</summary>
    private static IEnumerable<byte[]> Spans(byte[] body, byte[] traceId)
    {
        for (var at = body.AsSpan().IndexOf(traceId); at >= 0;)
        {
            var start = at + traceId.Length;
            var next = body.AsSpan(start).IndexOf(traceId);
            var length = Math.Min(next < 0 ? body.Length - start : next, 512);
            yield return body[start..(start + length)];
            at = next < 0 ? -1 : start + next;
        }
    }
}
