using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Tests.Grains.Domain.Invoicing;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Connectors;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.Silo.Providers.Szamlahegy;

namespace OrleansShop.Tests.Silo.Observability;

/// <summary>
/// The silo's log as an operator reads it with <c>Logging:Console:FormatterName=json</c>: one JSON
/// object per line, each carrying the trace id of the request it belongs to, and the shop, order and
/// event it is about; an effect's delivery is logged in the trace of the transition that caused it.
/// </summary>
public sealed class StructuredLogTests(StructuredLogTests.JsonLoggingSilo silo) : IClassFixture<StructuredLogTests.JsonLoggingSilo>
{
    private const string Refused = "00-1c0ffee0000000000000000000000001-00f067aa0ba902b7-01";
    private const string Placed = "00-1c0ffee0000000000000000000000002-00f067aa0ba902b7-01";

    private static string TraceId(string traceParent) => traceParent.Split('-')[1];

    private IReadOnlyList<JsonElement> LogLines()
    {
        var lines = silo.Process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [.. lines.Select(line => JsonDocument.Parse(line).RootElement)]; // fails on a line that is not JSON
    }

    private static string? Scope(JsonElement line, string name) =>
        line.TryGetProperty("Scopes", out var scopes)
            ? scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty(name, out _)).Select(s => s.GetProperty(name).ToString()).FirstOrDefault()
            : null;

    private JsonElement? LineAbout(string category, string text) =>
        LogLines().Cast<JsonElement?>().FirstOrDefault(l => l!.Value.GetProperty("Category").GetString() == category && l.Value.GetProperty("Message").GetString()!.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task Every_line_is_json_with_its_trace_id_and_the_shop_order_and_event_it_is_about()
    {
        await using var site = await FakeShopCallbacks.StartAsync();
        site.AnswerWith(410, "gone");
        using var admin = silo.Client();
        (await admin.PutAsJsonAsync("/v1/shops/logged", InvoicingTesting.Shop(callbackUrl: site.Url.AbsoluteUri))).EnsureSuccessStatusCode();
        using var refusedClient = silo.Client(bearer: null, traceParent: Refused);
        using var placedClient = silo.Client(bearer: null, traceParent: Placed);
        using var paidClient = silo.Client(bearer: null);

        var refused = await new SignedPoster(refusedClient, "logged", "whsec_" + Convert.ToBase64String(new byte[32])).StandardAsync(InvoicingTesting.Created("L-1"));
        var placed = await new SignedPoster(placedClient, "logged", SignedPoster.StandardSecret).StandardAsync(InvoicingTesting.Created("L-1"), messageId: "msg_logged_1");
        var paid = await new SignedPoster(paidClient, "logged", SignedPoster.StandardSecret).StandardAsync(SignedPoster.Status("L-1", "paid"));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(TraceId(Refused), JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("traceId").GetString()!.Split('-')[1]);
        placed.EnsureSuccessStatusCode();
        paid.EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => LineAbout("OrleansShop.Effects", "failed on attempt") is not null, "the refused callback is logged");

        var refusal = LineAbout("OrleansShop.Silo.Observability.IngressMeasurement", "Refused a delivery")!.Value;
        Assert.Equal((TraceId(Refused), "logged"), (Scope(refusal, "TraceId"), Scope(refusal, "ShopId")));

        var placedLine = LineAbout("OrleansShop.Grains.Orders.OrderGrain", "Applied order.created")!.Value;
        Assert.Equal(("logged", "L-1", "msg_logged_1"), (Scope(placedLine, "ShopId"), Scope(placedLine, "OrderId"), Scope(placedLine, "WebhookEventId")));
        Assert.Equal(TraceId(Placed), Scope(placedLine, "TraceId")); // the request's trace, through Orleans' call

        // The callback is an effect of an effect of the payment: its failure is logged in the trace of the payment's transition.
        var paidLine = LineAbout("OrleansShop.Grains.Orders.OrderGrain", "Applied order.status_changed")!.Value;
        var failed = LineAbout("OrleansShop.Effects", "failed on attempt")!.Value;
        Assert.Equal(Scope(paidLine, "TraceId"), Scope(failed, "TraceId"));
        Assert.NotEqual(Scope(placedLine, "TraceId"), Scope(failed, "TraceId"));
        Assert.Equal("Warning", failed.GetProperty("LogLevel").GetString());
    }

    public sealed class JsonLoggingSilo : SiloOverPostgres
    {
        protected override IEnumerable<string> Settings =>
        [
            "--Logging:Console:FormatterName=json",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:OrleansShop=Information",
            "--Logging:LogLevel:OrleansShop.Grains.Orders=Debug",
        ];
    }
}
