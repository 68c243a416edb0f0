using OrleansShop.Silo.Webhooks;
using OrleansShop.Silo.Webhooks.Profiles;
using OrleansShop.Tests.Silo.Webhooks;

namespace OrleansShop.Tests.Silo.Webhooks.Profiles;

public sealed class StandardProfileTests
{
    private readonly StandardProfile _profile = new();

    [Fact]
    public void Order_created_maps_every_field_and_dedups_on_the_webhook_id()
    {
        var mapped = _profile.Map(Delivery("standard-order-created.json"));

        Assert.Equal("msg_2fWQ7lA0cQ", mapped.DedupKey);
        var created = Assert.IsType<OrderCreated>(mapped.Event);
        Assert.Equal("SO-2024-000917", created.OrderId);
        Assert.Equal("917", created.Reference);
        Assert.Equal("ayse.yilmaz@example.com", created.Email);
        Assert.Equal("+905321112233", created.Phone);
        Assert.Equal("Ayşe Yılmaz", created.CustomerName);
        Assert.Equal("cod", created.PaymentMethod);
        Assert.Equal(new Money("1249.90", "TRY"), created.Total);
        Assert.Equal(
            [new OrderLine("TSHIRT-BLK-M", "Pamuk Tişört - Siyah / M", 2, "400.00", "20"), new OrderLine(null, "Kanvas Çanta", 1, "400.00", "20")],
            created.Lines);
        Assert.Equal(new Address("Ayşe Yılmaz", "Bağdat Caddesi No: 214 D: 5", "Caddebostan", "İstanbul", "34728", "TR"), created.ShippingAddress);
        Assert.Equal(created.ShippingAddress, created.BillingAddress);
        Assert.True(created.ReviewConsent);
        Assert.Equal(DateTimeOffset.Parse("2024-05-02T10:15:30Z", System.Globalization.CultureInfo.InvariantCulture), created.OccurredAt);
    }

    [Fact]
    public void Status_changed_maps_to_order_status_changed()
    {
        var changed = Assert.IsType<OrderStatusChanged>(_profile.Map(Delivery("standard-order-status-changed.json")).Event);

        Assert.Equal("SO-2024-000917", changed.OrderId);
        Assert.Equal("shipped", changed.Status);
        Assert.NotNull(changed.OccurredAt);
    }

    [Fact]
    public void Payment_succeeded_maps_to_payment_succeeded()
    {
        var paid = Assert.IsType<PaymentSucceeded>(_profile.Map(Delivery("standard-payment-succeeded.json")).Event);

        Assert.Equal(new PaymentSucceeded { OrderId = "SO-2024-000918", Amount = new Money("449.90", "TRY"), Provider = "iyzico", TransactionId = "28471956" }, paid);
    }

    [Fact]
    public void Shipment_updated_maps_to_shipment_updated()
    {
        var shipment = Assert.IsType<ShipmentUpdated>(_profile.Map(Delivery("standard-shipment-updated.json")).Event);

        Assert.Equal(new ShipmentUpdated { OrderId = "SO-2024-000917", Carrier = "yurtici", TrackingCode = "YK123456789TR", Status = "delivered" }, shipment);
    }

    [Fact]
    public void An_unknown_event_type_is_rejected_naming_the_type()
    {
        var body = JsonEdits.Replace(Deliveries.Payload("standard-order-status-changed.json"), "type", "\"order.deleted\"");

        Assert.Equal("type", Assert.Throws<WebhookPayloadException>(() => _profile.Map(Delivery(body))).Field);
    }

    [Fact]
    public void A_shipment_status_outside_the_contract_is_rejected()
    {
        var body = JsonEdits.Replace(Deliveries.Payload("standard-shipment-updated.json"), "data.status", "\"lost\"");

        Assert.Equal("data.status", Assert.Throws<WebhookPayloadException>(() => _profile.Map(Delivery(body))).Field);
    }

    [Fact]
    public void A_number_where_the_order_id_string_belongs_is_rejected_naming_the_field()
    {
        var body = JsonEdits.Replace(Deliveries.Payload("standard-order-created.json"), "data.orderId", "917");

        Assert.Equal("data.orderId", Assert.Throws<WebhookPayloadException>(() => _profile.Map(Delivery(body))).Field);
    }

    [Fact]
    public void A_delivery_without_a_webhook_id_is_rejected()
    {
        var request = Deliveries.Request(Deliveries.Payload("standard-order-created.json"));

        Assert.Equal("webhook-id", Assert.Throws<WebhookPayloadException>(() => _profile.Map(request)).Field);
    }

    [Fact]
    public void A_standard_delivery_is_never_an_unsigned_ping() =>
        Assert.False(_profile.IsUnsignedPing(Deliveries.Request("webhook_id=1")));

    [Fact]
    public void An_address_may_name_its_region()
    {
        var body = JsonEdits.Replace(Deliveries.Payload("standard-order-created.json"), "data.shippingAddress.region", "\"İstanbul\"");
        body = JsonEdits.Replace(body, "data.shippingAddress.city", "\"Kadıköy\"");

        var created = Assert.IsType<OrderCreated>(_profile.Map(Delivery(body)).Event);

        Assert.Equal(("Kadıköy", "İstanbul"), (created.ShippingAddress!.City, created.ShippingAddress.Region));
        Assert.Null(created.BillingAddress!.Region);
    }

    [Fact]
    public void Amounts_rates_and_quantities_may_be_json_numbers_and_are_kept_exact()
    {
        var body = JsonEdits.Replace(Deliveries.Payload("standard-order-created.json"), "data.total.amount", "1249.9");
        body = JsonEdits.Replace(body, "data.lines[0].unitPrice", "400");
        body = JsonEdits.Replace(body, "data.lines[0].vatRate", "20");
        body = JsonEdits.Replace(body, "data.lines[0].quantity", "\"2\"");
        body = JsonEdits.Replace(body, "data.lines[1].unitPrice", "0.1");

        var created = Assert.IsType<OrderCreated>(_profile.Map(Delivery(body)).Event);

        Assert.Equal(new Money("1249.90", "TRY"), created.Total);
        Assert.Equal(new OrderLine("TSHIRT-BLK-M", "Pamuk Tişört - Siyah / M", 2, "400.00", "20"), created.Lines[0]);
        Assert.Equal("0.10", created.Lines[1].UnitPrice); // read as the decimal written, never through a binary fraction
    }

    [Theory]
    [InlineData("data.total.amount", "-1")]
    [InlineData("data.total.amount", "true")]
    [InlineData("data.lines[0].unitPrice", "\"12,90\"")]
    [InlineData("data.lines[0].vatRate", "101")]
    public void A_number_that_is_no_amount_is_refused_naming_its_field(string path, string json)
    {
        var body = JsonEdits.Replace(Deliveries.Payload("standard-order-created.json"), path, json);

        Assert.EndsWith(path.Split('.')[^1], Assert.Throws<WebhookPayloadException>(() => _profile.Map(Delivery(body))).Field, StringComparison.Ordinal);
    }

    private static WebhookRequest Delivery(string fileName) => Delivery(Deliveries.Payload(fileName));

    private static WebhookRequest Delivery(byte[] body) => Deliveries.Request(body, ("webhook-id", "msg_2fWQ7lA0cQ"));
}
