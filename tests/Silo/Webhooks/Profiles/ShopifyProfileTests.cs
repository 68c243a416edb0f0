using System.Globalization;
using OrleansShop.Silo.Webhooks;
using OrleansShop.Silo.Webhooks.Profiles;
using OrleansShop.Tests.Silo.Webhooks;

namespace OrleansShop.Tests.Silo.Webhooks.Profiles;

public sealed class ShopifyProfileTests
{
    private const string EventId = "98880550-7158-44d4-b7cd-2c97c8a091b5";
    private readonly ShopifyProfile _profile = new();

    [Fact]
    public void Cod_order_created_maps_to_order_created_with_the_cod_gateway_as_payment_method()
    {
        var mapped = _profile.Map(Delivery("orders/create", "shopify-cod-order-created.json"));

        Assert.Equal($"orders/create|{EventId}", mapped.DedupKey);
        var created = Assert.IsType<OrderCreated>(mapped.Event);
        Assert.Equal("5897312321811", created.OrderId);
        Assert.Equal("1001", created.Reference);
        Assert.Equal("ayse.yilmaz@example.com", created.Email);
        Assert.Equal("+905321112233", created.Phone);
        Assert.Equal("Ayşe Yılmaz", created.CustomerName);
        Assert.Equal("Cash on Delivery (COD)", created.PaymentMethod);
        Assert.Equal(new Money("1249.90", "TRY"), created.Total);
        Assert.Equal(
            [new OrderLine("TSHIRT-BLK-M", "Pamuk Tişört - Siyah / M", 2, "400.00", "20"), new OrderLine(null, "Kanvas Çanta", 1, "400.00", "20")],
            created.Lines);
        Assert.Equal(new Address("Ayşe Yılmaz", "Bağdat Caddesi No: 214 D: 5", "Caddebostan", "İstanbul", "34728", "TR", Region: "İstanbul"), created.ShippingAddress);
        Assert.Equal(DateTimeOffset.Parse("2024-05-02T13:15:31+03:00", CultureInfo.InvariantCulture), created.OccurredAt);
    }

    [Fact]
    public void A_turkish_address_keeps_the_province_as_its_region_and_the_district_as_its_city()
    {
        var body = JsonEdits.Replace(Deliveries.Payload("shopify-cod-order-created.json"), "shipping_address.city", "\"Kadıköy\"");

        var created = Assert.IsType<OrderCreated>(_profile.Map(Delivery("orders/create", body)).Event);

        Assert.Equal(("Kadıköy", "İstanbul"), (created.ShippingAddress!.City, created.ShippingAddress.Region));
    }

    [Fact]
    public void Prepaid_order_created_maps_to_order_created_with_its_gateway()
    {
        var created = Assert.IsType<OrderCreated>(_profile.Map(Delivery("orders/create", "shopify-prepaid-order-created.json")).Event);

        Assert.Equal("5897312387347", created.OrderId);
        Assert.Equal("shopify_payments", created.PaymentMethod);
        Assert.Equal(new Money("89.90", "EUR"), created.Total);
        Assert.Null(created.Phone);
        Assert.Equal(new Address("Mehmet Kaya", "Kastanienallee 12", null, "Berlin", "10435", "DE"), created.BillingAddress);
    }

    [Fact]
    public void Prepaid_order_paid_maps_to_payment_succeeded_named_after_the_order()
    {
        var paid = Assert.IsType<PaymentSucceeded>(_profile.Map(Delivery("orders/paid", "shopify-prepaid-order-created.json")).Event);

        Assert.Equal("5897312387347", paid.OrderId);
        Assert.Equal(new Money("89.90", "EUR"), paid.Amount);
        Assert.Equal("shopify_payments", paid.Provider);
        Assert.Equal("5897312387347:paid", paid.TransactionId);
    }

    [Fact]
    public void Cod_order_marked_paid_maps_to_payment_succeeded_through_the_cod_gateway()
    {
        var paid = Assert.IsType<PaymentSucceeded>(_profile.Map(Delivery("orders/paid", "shopify-cod-order-paid.json")).Event);

        Assert.Equal("Cash on Delivery (COD)", paid.Provider);
        Assert.Equal(new Money("1249.90", "TRY"), paid.Amount);
    }

    [Theory]
    [InlineData("orders/fulfilled", "shopify-cod-order-fulfilled.json", "shipped")]
    [InlineData("orders/cancelled", "shopify-cod-order-cancelled.json", "cancelled")]
    public void Fulfilled_and_cancelled_topics_map_to_their_status(string topic, string file, string status)
    {
        var changed = Assert.IsType<OrderStatusChanged>(_profile.Map(Delivery(topic, file)).Event);

        Assert.Equal("5897312321811", changed.OrderId);
        Assert.Equal(status, changed.Status);
    }

    [Theory]
    [InlineData("shopify-cod-order-created.json", null)]
    [InlineData("shopify-prepaid-order-created.json", "paid")]
    [InlineData("shopify-cod-order-fulfilled.json", "shipped")]
    [InlineData("shopify-cod-order-paid.json", "shipped")]
    [InlineData("shopify-cod-order-cancelled.json", "cancelled")]
    public void Order_updated_maps_to_the_most_final_status_the_order_shows(string file, string? status)
    {
        var mapped = _profile.Map(Delivery("orders/updated", file));

        Assert.Equal(status, Deliveries.StatusOf(mapped));
    }

    [Fact]
    public void Retries_of_one_event_share_a_dedup_key_whatever_their_webhook_id()
    {
        var body = Deliveries.Payload("shopify-cod-order-created.json");
        var first = Deliveries.Request(body, ("X-Shopify-Topic", "orders/create"), ("X-Shopify-Event-Id", EventId), ("X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"));
        var retry = Deliveries.Request(body, ("X-Shopify-Topic", "orders/create"), ("X-Shopify-Event-Id", EventId), ("X-Shopify-Webhook-Id", "0b7a3e1c-86a4-4a0e-9d1e-1f1b3c2d4e5f"));

        Assert.Equal(_profile.Map(first).DedupKey, _profile.Map(retry).DedupKey);
    }

    [Fact]
    public void Without_an_event_id_the_webhook_id_is_the_dedup_key()
    {
        var request = Deliveries.Request(Deliveries.Payload("shopify-cod-order-created.json"), ("X-Shopify-Topic", "orders/create"), ("X-Shopify-Webhook-Id", "b54557e4"));

        Assert.Equal("orders/create|b54557e4", _profile.Map(request).DedupKey);
    }

    [Fact]
    public void A_topic_we_do_not_use_maps_to_no_event_without_reading_the_body()
    {
        var request = Deliveries.Request("not json", ("X-Shopify-Topic", "products/update"), ("X-Shopify-Event-Id", EventId));

        Assert.Equal(new MappedDelivery($"products/update|{EventId}", null), _profile.Map(request));
    }

    [Fact]
    public void A_delivery_without_a_topic_is_rejected_naming_the_header()
    {
        var request = Deliveries.Request(Deliveries.Payload("shopify-cod-order-created.json"), ("X-Shopify-Event-Id", EventId));

        Assert.Equal("X-Shopify-Topic", Assert.Throws<WebhookPayloadException>(() => _profile.Map(request)).Field);
    }

    [Fact]
    public void A_delivery_without_any_event_or_webhook_id_is_rejected()
    {
        var request = Deliveries.Request(Deliveries.Payload("shopify-cod-order-created.json"), ("X-Shopify-Topic", "orders/create"));

        Assert.Equal("X-Shopify-Event-Id", Assert.Throws<WebhookPayloadException>(() => _profile.Map(request)).Field);
    }

    [Fact]
    public void An_order_without_its_own_email_takes_the_customers()
    {
        var body = Deliveries.Payload("shopify-cod-order-created.json");
        body = JsonEdits.Replace(JsonEdits.Replace(body, "email", "\"\""), "contact_email", "null");

        var created = Assert.IsType<OrderCreated>(_profile.Map(Delivery("orders/create", body)).Event);

        Assert.Equal("ayse.yilmaz@example.com", created.Email);
    }

    [Fact]
    public void An_order_id_sent_as_a_string_is_rejected_naming_the_field()
    {
        var body = JsonEdits.Replace(Deliveries.Payload("shopify-cod-order-created.json"), "id", "\"5897312321811\"");

        Assert.Equal("id", Assert.Throws<WebhookPayloadException>(() => _profile.Map(Delivery("orders/create", body))).Field);
    }

    [Fact]
    public void A_total_sent_as_a_number_is_rejected_naming_the_field()
    {
        var body = JsonEdits.Replace(Deliveries.Payload("shopify-cod-order-created.json"), "total_price", "1249.9");

        Assert.Equal("total_price", Assert.Throws<WebhookPayloadException>(() => _profile.Map(Delivery("orders/create", body))).Field);
    }

    [Theory]
    [InlineData("subscribed", true)]
    [InlineData("not_subscribed", false)]
    [InlineData("pending", false)]
    [InlineData("unsubscribed", false)]
    public void The_buyers_review_consent_is_the_customers_email_marketing_consent(string state, bool expected)
    {
        var consent = "{\"state\":\"" + state + "\",\"opt_in_level\":\"single_opt_in\",\"consent_updated_at\":\"2024-05-01T10:00:00+03:00\"}";
        var body = JsonEdits.Replace(Deliveries.Payload("shopify-cod-order-created.json"), "customer.email_marketing_consent", consent);
        body = JsonEdits.Replace(body, "buyer_accepts_marketing", expected ? "false" : "true"); // the customer's consent wins over the older order flag

        Assert.Equal(expected, Assert.IsType<OrderCreated>(_profile.Map(Delivery("orders/create", body)).Event).ReviewConsent);
    }

    [Fact]
    public void Without_the_customers_consent_the_orders_buyer_accepts_marketing_says_and_without_either_nothing_does()
    {
        var accepts = JsonEdits.Replace(Deliveries.Payload("shopify-cod-order-created.json"), "buyer_accepts_marketing", "true");
        var neither = JsonEdits.Remove(Deliveries.Payload("shopify-cod-order-created.json"), "buyer_accepts_marketing");

        Assert.True(Assert.IsType<OrderCreated>(_profile.Map(Delivery("orders/create", accepts)).Event).ReviewConsent);
        Assert.Null(Assert.IsType<OrderCreated>(_profile.Map(Delivery("orders/create", neither)).Event).ReviewConsent);
    }

    private static WebhookRequest Delivery(string topic, string fileName) => Delivery(topic, Deliveries.Payload(fileName));

    private static WebhookRequest Delivery(string topic, byte[] body) =>
        Deliveries.Request(body, ("X-Shopify-Topic", topic), ("X-Shopify-Event-Id", EventId), ("X-Shopify-Shop-Domain", "atolye.myshopify.com"));
}
