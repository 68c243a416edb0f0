using System.Net.Http.Json;
using OrleansShop.Tests.Grains.Domain.Invoicing;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Connectors;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.Silo.Providers.Szamlahegy;

namespace OrleansShop.Tests.Silo.Observability;

/// <summary>
/// With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, a silo exports its traces over OTLP: a webhook's trace
/// holds the request, the grain calls and the delivery of each effect it set off.
/// </summary>
public sealed class TraceExportTests(TraceExportTests.ExportingSilo silo) : IClassFixture<TraceExportTests.ExportingSilo>
{
    private const string WebhookSpan = "POST /v1/shops/{shopId}/webhooks";

    [Fact]
    public async Task A_webhooks_trace_reaches_the_collector_with_its_request_and_the_delivery_of_its_effects()
    {
        using var admin = silo.Client();
        (await admin.PutAsJsonAsync("/v1/shops/traced", InvoicingTesting.Shop())).EnsureSuccessStatusCode();
        var poster = new SignedPoster(silo.Client(bearer: null), "traced", SignedPoster.StandardSecret);
        (await poster.StandardAsync(InvoicingTesting.Created("T-1"))).EnsureSuccessStatusCode();

        (await poster.StandardAsync(SignedPoster.Status("T-1", "paid"))).EnsureSuccessStatusCode();

        // The paid order's invoice is an effect: some webhook's trace holds its delivery.
        try
        {
            await Eventually.TrueAsync(() => EffectTraces().Count > 0, "a webhook's trace with an effect's delivery in it is exported");
        }
        catch (Xunit.Sdk.FailException)
        {
            Assert.Fail($"No webhook's trace holds an effect: {silo.Collector.TraceExports.Count} exports, spans: {string.Join(", ", silo.Collector.Spans.Select(s => s.Name).Distinct().Take(40))}");
        }
        Assert.Contains(silo.Collector.Received, r => r.Path == "/v1/traces" && r.ContentType == "application/x-protobuf");
        Assert.Contains(silo.Collector.Spans, s => EffectTraces().Contains(s.TraceId) && s.Name.StartsWith("effect ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_incoming_traceparent_is_the_trace_of_the_request()
    {
        const string traceId = "5e1f0ad0000000000000000000000002";
        using var platform = silo.Client(bearer: null, traceParent: $"00-{traceId}-00f067aa0ba902b7-01");

        var refused = await new SignedPoster(platform, "nobody-here", SignedPoster.StandardSecret).StandardAsync(InvoicingTesting.Created("T-2"));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, refused.StatusCode);
        await Eventually.TrueAsync(() => silo.Collector.Spans.Contains((traceId, WebhookSpan)), "the request's span is exported in the trace it came with");
    }

    /// <summary>The traces that hold both a webhook's request and an effect's delivery.</summary>
    private HashSet<string> EffectTraces()
    {
        var spans = silo.Collector.Spans;
        var webhooks = spans.Where(s => s.Name == WebhookSpan).Select(s => s.TraceId).ToHashSet();
        return [.. spans.Where(s => s.Name.StartsWith("effect ", StringComparison.Ordinal) && webhooks.Contains(s.TraceId)).Select(s => s.TraceId)];
    }

    public sealed class ExportingSilo : SiloOverPostgres
    {
        public FakeOtlpCollector Collector { get; private set; } = null!;

        protected override IEnumerable<string> Settings =>
        [
            "--Logging:LogLevel:Default=Warning",
            $"--OTEL_EXPORTER_OTLP_ENDPOINT={Collector.BaseAddress.ToString().TrimEnd('/')}",
            "--OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
            "--OTEL_BSP_SCHEDULE_DELAY=200",
            "--OTEL_EXPORTER_OTLP_TIMEOUT=30000",

            // The silo's own background work (membership, reminders, gauges) is traced too: under a
            // loaded run the default queue of 2048 spans can overflow and drop the test's spans.
            "--OTEL_BSP_MAX_QUEUE_SIZE=262144",
            "--OTEL_BSP_MAX_EXPORT_BATCH_SIZE=4096",
        ];

        public override async Task InitializeAsync()
        {
            Collector = await FakeOtlpCollector.StartAsync();
            await base.InitializeAsync();
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Collector.DisposeAsync();
        }
    }
}
