using System.Globalization;
using OrleansShop.Silo.Webhooks;
using OrleansShop.Silo.Webhooks.Profiles;
using OrleansShop.Tests.Silo.Webhooks;

namespace OrleansShop.Tests.Silo.Webhooks.Profiles;

public sealed class WooCommerceProfileTests
{
    private readonly WooCommerceProfile _profile = new();

    [Fact]
    public void Cod_order_created_maps_to_order_created_with_the_cod_method()
    {
        var mapped = _profile.Map(Delivery("order.created", "woocommerce-cod-order-created.json"));

        Assert.Equal("order.created|727|2024-05-02T13:15:31|processing", mapped.DedupKey);
        var created = Assert.IsType<OrderCreated>(mapped.Event);
        Assert.Equal("727", created.OrderId);
        Assert.Equal("727", created.Reference);
        Assert.Equal("ayse.yilmaz@example.com", created.Email);
        Assert.Equal("05321112233", created.Phone);
        Assert.Equal("Ayşe Yılmaz", created.CustomerName);
        Assert.Equal("cod", created.PaymentMethod);
        Assert.Equal(new Money("1249.90", "TRY"), created.Total);
        Assert.Equal(
            [new OrderLine("TSHIRT-BLK-M", "Pamuk Tişört - Siyah, M", 2, "333.33", null), new OrderLine(null, "Kanvas Çanta", 1, "333.33", null)],
            created.Lines);
        Assert.Equal(new Address("Ayşe Yılmaz", "Bağdat Caddesi No: 214 D: 5", "Caddebostan", "İstanbul", "34728", "TR", Region: "İstanbul"), created.BillingAddress);
        Assert.Equal(created.BillingAddress, created.ShippingAddress);
        Assert.Equal(DateTimeOffset.Parse("2024-05-02T10:15:31Z", CultureInfo.InvariantCulture), created.OccurredAt);
    }

    [Fact]
    public void Prepaid_order_created_maps_to_order_created_with_its_gateway()
    {
        var created = Assert.IsType<OrderCreated>(_profile.Map(Delivery("order.created", "woocommerce-prepaid-order-created.json")).Event);

        Assert.Equal("728", created.OrderId);
        Assert.Equal("iyzico", created.PaymentMethod);
        Assert.Equal(new Money("449.90", "TRY"), created.Total);
    }

    [Theory]
    [InlineData("woocommerce-cod-order-created.json", null)]
    [InlineData("woocommerce-prepaid-order-created.json", null)]
    [InlineData("woocommerce-prepaid-order-processing.json", "paid")]
    [InlineData("woocommerce-cod-order-completed.json", "closed_paid")]
    [InlineData("woocommerce-prepaid-order-completed.json", "closed")]
    [InlineData("woocommerce-cod-order-cancelled.json", "cancelled")]
    [InlineData("woocommerce-cod-order-extension-status.json", "ready-to-ship")]
    public void Order_updated_maps_the_status_by_payment_method(string file, string? status) =>
        Assert.Equal(status, Deliveries.StatusOf(_profile.Map(Delivery("order.updated", file))));

    [Theory]
    [InlineData("failed", "cancelled")]
    [InlineData("refunded", "cancelled")]
    [InlineData("on-hold", null)]
    [InlineData("pending", null)]
    [InlineData("checkout-draft", "checkout-draft")]
    public void Order_updated_maps_the_other_core_statuses(string wooStatus, string? status)
    {
        var body = JsonEdits.Replace(Deliveries.Payload("woocommerce-prepaid-order-processing.json"), "status", $"\"{wooStatus}\"");

        Assert.Equal(status, Deliveries.StatusOf(_profile.Map(Delivery("order.updated", body))));
    }

    [Fact]
    public void A_status_change_dedups_on_order_id_modification_time_and_status()
    {
        var mapped = _profile.Map(Delivery("order.updated", "woocommerce-cod-order-completed.json"));

        Assert.Equal("order.updated|727|2024-05-06T16:40:05|completed", mapped.DedupKey);
        Assert.Equal(DateTimeOffset.Parse("2024-05-06T13:40:05Z", CultureInfo.InvariantCulture), mapped.Event!.OccurredAt);
    }

    [Fact]
    public void Created_and_updated_deliveries_of_one_save_do_not_share_a_dedup_key()
    {
        var created = _profile.Map(Delivery("order.created", "woocommerce-prepaid-order-processing.json"));
        var updated = _profile.Map(Delivery("order.updated", "woocommerce-prepaid-order-processing.json"));

        Assert.NotEqual(created.DedupKey, updated.DedupKey);
    }

    [Fact]
    public void The_unsigned_creation_ping_is_recognised()
    {
        var ping = new WebhookRequest(new Dictionary<string, string>(), "webhook_id=42"u8.ToArray(), "application/x-www-form-urlencoded");

        Assert.True(_profile.IsUnsignedPing(ping));
    }

    [Theory]
    [InlineData("webhook_id=")]
    [InlineData("webhook_id=42&x=1")]
    [InlineData("webhook_id=4a")]
    [InlineData("{\"webhook_id\":42}")]
    [InlineData("")]
    public void Other_unsigned_bodies_are_not_pings(string body) =>
        Assert.False(_profile.IsUnsignedPing(Deliveries.Request(body)));

    [Fact]
    public void A_signed_body_is_never_a_ping() =>
        Assert.False(_profile.IsUnsignedPing(Deliveries.Request("webhook_id=42", ("X-WC-Webhook-Signature", "VnKUjZsLuN5iZWjn5EntcBVCF9kMN43LglzCE1/GSeY="))));

    [Fact]
    public void A_topic_we_do_not_use_maps_to_no_event()
    {
        var mapped = _profile.Map(Deliveries.Request("{\"id\":93}", ("X-WC-Webhook-Topic", "product.updated")));

        Assert.Null(mapped.Event);
        Assert.StartsWith("product.updated|", mapped.DedupKey, StringComparison.Ordinal);
    }

    [Fact]
    public void A_delivery_without_a_topic_is_rejected_naming_the_header()
    {
        var request = Deliveries.Request(Deliveries.Payload("woocommerce-cod-order-created.json"));

        Assert.Equal("X-WC-Webhook-Topic", Assert.Throws<WebhookPayloadException>(() => _profile.Map(request)).Field);
    }

    [Fact]
    public void A_missing_billing_email_is_rejected_naming_the_field()
    {
        var body = JsonEdits.Remove(Deliveries.Payload("woocommerce-cod-order-created.json"), "billing.email");

        Assert.Equal("billing.email", Assert.Throws<WebhookPayloadException>(() => _profile.Map(Delivery("order.created", body))).Field);
    }

    [Theory]
    [InlineData("TR", "TR34", "İstanbul")]
    [InlineData("TR", "TR01", "Adana")]
    [InlineData("TR", "TR06", "Ankara")]
    [InlineData("TR", "TR33", "Mersin")]
    [InlineData("TR", "TR81", "Düzce")]
    [InlineData("TR", "İzmir", "İzmir")]
    [InlineData("DE", "BE", "BE")]
    [InlineData("US", "TR34", "TR34")]
    [InlineData("TR", "", null)]
    public void The_state_is_the_region_and_a_turkish_plate_code_is_the_provinces_name(string country, string state, string? region)
    {
        var body = JsonEdits.Replace(Deliveries.Payload("woocommerce-cod-order-created.json"), "shipping.country", $"\"{country}\"");
        body = JsonEdits.Replace(body, "shipping.state", $"\"{state}\"");

        var created = Assert.IsType<OrderCreated>(_profile.Map(Delivery("order.created", body)).Event);

        Assert.Equal(region, created.ShippingAddress!.Region);
        Assert.Equal("İstanbul", created.ShippingAddress.City);
    }

    [Fact]
    public void The_orders_meta_data_is_kept_as_text_by_key_with_the_last_entry_of_a_key_winning()
    {
        var meta = "[{\"id\":1,\"key\":\"_review_consent\",\"value\":\"no\"},{\"id\":2,\"key\":\"_review_consent\",\"value\":\"yes\"},"
            + "{\"id\":3,\"key\":\"_points\",\"value\":12},{\"id\":4,\"key\":\"_gift\",\"value\":true},{\"id\":5,\"key\":\"_blob\",\"value\":{\"a\":1}}]";
        var body = JsonEdits.Replace(Deliveries.Payload("woocommerce-cod-order-created.json"), "meta_data", meta);

        var created = Assert.IsType<OrderCreated>(_profile.Map(Delivery("order.created", body)).Event);

        Assert.Equal("yes", created.Attributes["_review_consent"]);
        Assert.Equal(("12", "true"), (created.Attributes["_points"], created.Attributes["_gift"]));
        Assert.False(created.Attributes.ContainsKey("_blob"));
        Assert.Null(created.ReviewConsent); // what a meta key means is the shop's setting, not the profile's
    }

    private static WebhookRequest Delivery(string topic, string fileName) => Delivery(topic, Deliveries.Payload(fileName));

    private static WebhookRequest Delivery(string topic, byte[] body) =>
        Deliveries.Request(body, ("X-WC-Webhook-Topic", topic), ("X-WC-Webhook-Delivery-ID", "e3b0c442"), ("X-WC-Webhook-Source", "https://magaza.example.com/"));
}
