using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansShop.Tests.Grains.Domain.Shipping;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.Silo.Shipping.Labels;
using OrleansShop.Tests.Silo.Webhooks.Iyzico;

namespace OrleansShop.Tests.Silo.Endpoints.Orders;

/// <summary>
/// <c>GET /v1/shops/{shopId}/orders/{orderId}/label.pdf</c> over real HTTP, on a silo over
/// PostgreSQL with the sandbox carrier handing out cargo keys: the label of the parcel the carrier
/// has, read back by PDFsharp's reader and ZXing; a clear problem before there is a parcel; the
/// shop's key or the admin token, nobody else's.
/// </summary>
public sealed class ShippingLabelApiTests
{
    private const string Receiver = "Łucja Żółć-Őrsűlő Işıkğün";

    private static object Settings(object? sender) => new
    {
        name = "Kertész Webáruház",
        webhooks = new { profile = "standard", secret = SignedPoster.StandardSecret },
        shipping = new { enabled = true, carrier = "yurtici", codCollectionType = "cash", sender },
        payments = new { iyzico = new { secretKey = IyzicoPoster.SecretKey, apiKey = "sandbox-api-key" } },
    };

    private static readonly object Sender = new
    {
        name = "Kertész Kft.",
        address = "Moda Cad. No:12\nKat 3",
        city = "Kadıköy / İstanbul",
        postalCode = "34710",
        countryCode = "TR",
        phone = "+90 216 555 01 23",
    };

    private static string Created(string orderId, string paymentMethod = "cod", string phone = "0532 123 45 67") => JsonSerializer.Serialize(new
    {
        type = "order.created",
        data = new
        {
            orderId,
            reference = $"#{orderId}",
            email = $"buyer-{orderId}@example.com",
            phone,
            customerName = Receiver,
            paymentMethod,
            total = new { amount = "349.90", currency = "TRY" },
            shippingAddress = new { name = Receiver, line1 = "Bağdat Cad. No:5 D:3", city = "Kadıköy", region = "İstanbul", postalCode = "34710", countryCode = "TR" },
        },
    });

    private static async Task<string> CargoKeyAsync(CargoShop shop, string orderId)
    {
        await shop.WaitForAsync(orderId, o => o.GetProperty("shipment").GetProperty("status").GetString() == "created", "the carrier has the parcel");
        return (await shop.ParcelsAsync()).Single(p => p.GetProperty("orderId").GetString() == orderId).GetProperty("cargoKey").GetString()!;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type, string detailPart)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(type, problem.GetProperty("type").GetString());
        Assert.Contains(detailPart, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cod_orders_label_carries_its_cargo_key_as_a_barcode_the_sender_the_receiver_and_the_amount_to_collect()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var shop = await CargoShop.CreateAsync(scope.Cluster.Primary, "etiket", Settings(Sender));
        await shop.Webhooks.StandardAsync(Created("7001"));
        var cargoKey = await CargoKeyAsync(shop, "7001");

        using var response = await shop.Shop.GetAsync("/v1/shops/etiket/orders/7001/label.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("inline; filename=\"label-7001.pdf\"", response.Content.Headers.ContentDisposition?.ToString());
        var pdf = LabelPdf.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, pdf.PageCount);
        Assert.Equal(cargoKey, pdf.DecodeBarcode(out _, out _, out _));
        Assert.True(pdf.Shows(cargoKey), pdf.Text);
        Assert.All(pdf.Fonts, font => Assert.True(font.FontFile2 && font.BaseFont.Contains("DejaVu Sans", StringComparison.Ordinal), font.ToString()));
        Assert.True(pdf.Shows($"GÖNDERİCİ / SENDER Kertész Kft. Moda Cad. No:12 Kat 3 34710 Kadıköy / İstanbul TR Tel: +90 216 555 01 23"), pdf.Text);
        Assert.True(pdf.Shows($"ALICI / RECEIVER {Receiver} Bağdat Cad. No:5 D:3 34710 Kadıköy İstanbul TR Tel: 0532 123 45 67"), pdf.Text);
        Assert.True(pdf.Shows("COLLECT ON DELIVERY 349.90 TRY"), pdf.Text);
        Assert.True(pdf.Shows("SİPARİŞ / ORDER #7001"), pdf.Text);
        Assert.True(pdf.Shows("Yurtiçi Kargo SANDBOX not a real shipment"), pdf.Text);

        // The admin token may print it too; nobody else can tell the order exists.
        using var admin = await shop.Admin.GetAsync("/v1/shops/etiket/orders/7001/label.pdf");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        var other = await CargoShop.CreateAsync(scope.Cluster.Primary, "baska", Settings(sender: null));
        await AssertProblemAsync(await other.Shop.GetAsync("/v1/shops/etiket/orders/7001/label.pdf"), HttpStatusCode.NotFound, "/problems/not-found", "No shop 'etiket'");
        using var anonymous = scope.Cluster.Primary.CreateClient(bearer: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/shops/etiket/orders/7001/label.pdf")).StatusCode);

        // The OpenAPI document describes it as a PDF.
        var openApi = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")).RootElement;
        var get = openApi.GetProperty("paths").GetProperty("/v1/shops/{shopId}/orders/{orderId}/label.pdf").GetProperty("get");
        Assert.True(get.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("application/pdf", out _), get.GetRawText());
    }

    [Fact]
    public async Task A_prepaid_order_has_no_label_until_the_carrier_has_it_and_then_nothing_to_collect()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var shop = await CargoShop.CreateAsync(scope.Cluster.Primary, "onceden", Settings(sender: null));
        await shop.Webhooks.StandardAsync(Created("7002", paymentMethod: "card"));

        // Not handed over before it is paid; an order that does not exist is another answer.
        await AssertProblemAsync(await shop.Shop.GetAsync("/v1/shops/onceden/orders/7002/label.pdf"), HttpStatusCode.Conflict, "/problems/conflict", "has no shipment");
        await AssertProblemAsync(await shop.Shop.GetAsync("/v1/shops/onceden/orders/nope/label.pdf"), HttpStatusCode.NotFound, "/problems/not-found", "No order 'nope'");

        await shop.Iyzico.DirectAsync("7002");
        var cargoKey = await CargoKeyAsync(shop, "7002");
        using var response = await shop.Shop.GetAsync("/v1/shops/onceden/orders/7002/label.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = LabelPdf.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(cargoKey, pdf.DecodeBarcode(out _, out _, out _));
        Assert.True(pdf.Shows("PREPAID – NOTHING TO COLLECT"), pdf.Text);
        Assert.DoesNotContain("349.90", pdf.Text, StringComparison.Ordinal);
        Assert.True(pdf.Shows("GÖNDERİCİ / SENDER Kertész Webáruház ALICI / RECEIVER"), pdf.Text); // no sender address set: the shop's name alone
    }

    [Fact]
    public async Task An_order_whose_shipment_the_carrier_has_not_accepted_has_no_label()
    {
        // Yurtiçi needs a Turkish phone: with a Hungarian one the shipment fails before it reaches
        // the carrier, so there is no cargo key to print.
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var shop = await CargoShop.CreateAsync(scope.Cluster.Primary, "bekleyen", Settings(Sender));
        await shop.Webhooks.StandardAsync(Created("7003", phone: "+36 30 123 4567"));
        await shop.WaitForAsync("7003", o => o.GetProperty("shipment").GetProperty("status").GetString() == "failed", "the shipment fails");

        await AssertProblemAsync(await shop.Shop.GetAsync("/v1/shops/bekleyen/orders/7003/label.pdf"), HttpStatusCode.Conflict, "/problems/conflict", "has not accepted the shipment of order '7003' (shipment status: failed)");
        Assert.Empty(await shop.ParcelsAsync());
    }
}
