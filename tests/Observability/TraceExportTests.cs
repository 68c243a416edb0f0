using System.Net.Http.Json;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Ingress;
using OrleansShop.Tests.Invoicing;

namespace OrleansShop.Tests.Observability;

/// <summary>
/// With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, a silo exports its traces over OTLP: a webhook's trace
/// holds the request, the grain calls and the delivery of each effect it set off.
/// </summary>
public sealed class TraceExportTests(TraceExportTests.ExportingSilo silo) : IClassFixture<TraceExportTests.ExportingSilo>
{
    private const string TraceId = "5e1f0ad0000000000000000000000001";

    [Fact]
    public async Task A_webhooks_trace_reaches_the_collector_with_its_request_and_the_delivery_of_its_effects()
    {
        using var admin = silo.Client();
        (await admin.PutAsJsonAsync("/v1/shops/traced", InvoicingTesting.Shop())).EnsureSuccessStatusCode();
        using var platform = silo.Client(bearer: null, traceParent: $"00-{TraceId}-00f067aa0ba902b7-01");
        var poster = new SignedPoster(platform, "traced", SignedPoster.StandardSecret);
        (await poster.StandardAsync(InvoicingTesting.Created("T-1"))).EnsureSuccessStatusCode();

        (await poster.StandardAsync(SignedPoster.Status("T-1", "paid"))).EnsureSuccessStatusCode();

        await SpanExportedAsync("POST /v1/shops/{shopId}/webhooks", "the request's span");
        await SpanExportedAsync("effect ", "a span of an effect's delivery");
        Assert.Contains(silo.Collector.Received, r => r.Path == "/v1/traces" && r.ContentType == "application/x-protobuf");
    }

    private async Task SpanExportedAsync(string name, string what)
    {
        try
        {
            await Eventually.TrueAsync(() => silo.Collector.HasSpan(TraceId, name), $"{what} is exported in the webhook's trace");
        }
        catch (Xunit.Sdk.FailException)
        {
            Assert.Fail($"{what} was not exported in the webhook's trace: {Exported()}");
        }
    }

    private string Exported()
    {
        var exports = silo.Collector.TraceExports;
        var withTrace = exports.Count(body => body.AsSpan().IndexOf(Convert.FromHexString(TraceId)) >= 0);
        return $"{exports.Count} trace exports so far, {withTrace} with the trace id; requests: {string.Join(", ", silo.Collector.Received.Select(r => $"{r.Method} {r.Path} {r.ContentType}").Distinct())}";
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
