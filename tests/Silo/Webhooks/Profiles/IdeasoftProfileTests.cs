using System.Globalization;
using OrleansShop.Silo.Webhooks;
using OrleansShop.Silo.Webhooks.Profiles;
using OrleansShop.Tests.Silo.Webhooks;

namespace OrleansShop.Tests.Silo.Webhooks.Profiles;

public sealed class IdeasoftProfileTests
{
    private readonly IdeasoftProfile _profile = new();

    [Fact]
    public void Order_created_maps_to_order_created()
    {
        var mapped = _profile.Map(Delivery("order/create", "ideasoft-order-created.json"));

        Assert.Equal("order/create|4812|2024-05-02T13:15:30+03:00|waiting_for_approval", mapped.DedupKey);
        var created = Assert.IsType<OrderCreated>(mapped.Event);
        Assert.Equal("4812", created.OrderId);
        Assert.Equal("ayse.yilmaz@example.com", created.Email);
        Assert.Equal("05321112233", created.Phone);
        Assert.Equal("Ayşe Yılmaz", created.CustomerName);
        Assert.Equal("Kapıda Ödeme", created.PaymentMethod);
        Assert.Equal(new Money("1249.90", "TRY"), created.Total);
        Assert.Equal(
            [new OrderLine("TSHIRT-BLK-M", "Pamuk Tişört Siyah M", 2, "400.00", "20"), new OrderLine(null, "Kanvas Çanta", 1, "400.00", "20")],
            created.Lines);
        Assert.Equal(new Address("Ayşe Yılmaz", "Bağdat Caddesi No: 214 D: 5\nCaddebostan", null, "Kadıköy", "34728", null, Region: "İstanbul"), created.ShippingAddress);
        Assert.Equal(DateTimeOffset.Parse("2024-05-02T13:15:30+03:00", CultureInfo.InvariantCulture), created.OccurredAt);
    }

    [Fact]
    public void A_partial_update_with_a_status_maps_to_a_status_change()
    {
        var mapped = _profile.Map(Delivery("order/update", "ideasoft-order-status-update.json"));

        Assert.Equal("order/update|4812|2024-05-03T10:02:11+03:00|fulfilled", mapped.DedupKey);
        var changed = Assert.IsType<OrderStatusChanged>(mapped.Event);
        Assert.Equal("4812", changed.OrderId);
        Assert.Equal("shipped", changed.Status);
    }

    [Fact]
    public void A_partial_update_without_a_status_maps_to_no_event()
    {
        var mapped = _profile.Map(Delivery("order/update", "ideasoft-order-update-without-status.json"));

        Assert.Equal(new MappedDelivery("order/update|4812|2024-05-02T15:40:00+03:00|", null), mapped);
    }

    [Theory]
    [InlineData("cancelled", "cancelled")]
    [InlineData("delivered", "delivered")]
    [InlineData("approved", "approved")]
    [InlineData("refunded", "refunded")]
    [InlineData("personal_status_1", "personal_status_1")]
    public void Statuses_without_an_unambiguous_canonical_name_pass_through(string ideasoftStatus, string status)
    {
        var body = JsonEdits.Replace(Deliveries.Payload("ideasoft-order-status-update.json"), "status", $"\"{ideasoftStatus}\"");

        Assert.Equal(status, Deliveries.StatusOf(_profile.Map(Delivery("order/update", body))));
    }

    [Fact]
    public void An_update_without_updated_at_dedups_on_the_body()
    {
        var body = "{\"id\":4812,\"status\":\"delivered\"}"u8.ToArray();

        var first = _profile.Map(Delivery("order/update", body));
        var retry = _profile.Map(Delivery("order/update", body));
        var other = _profile.Map(Delivery("order/update", "{\"id\":4812,\"status\":\"delivered\",\"shippingTrackingCode\":\"X\"}"u8.ToArray()));

        Assert.Equal(first.DedupKey, retry.DedupKey);
        Assert.NotEqual(first.DedupKey, other.DedupKey);
    }

    [Fact]
    public void The_turkish_lira_written_tl_becomes_try()
    {
        var body = JsonEdits.Replace(Deliveries.Payload("ideasoft-order-created.json"), "currency", "\"TL\"");

        Assert.Equal("TRY", Assert.IsType<OrderCreated>(_profile.Map(Delivery("order/create", body)).Event).Total.Currency);
    }

    [Fact]
    public void An_amount_written_as_a_decimal_string_is_read()
    {
        var body = JsonEdits.Replace(Deliveries.Payload("ideasoft-order-created.json"), "finalAmount", "\"1249.90\"");

        Assert.Equal("1249.90", Assert.IsType<OrderCreated>(_profile.Map(Delivery("order/create", body)).Event).Total.Amount);
    }

    [Fact]
    public void An_address_of_an_unexpected_shape_is_ignored_rather_than_refused()
    {
        var body = JsonEdits.Replace(Deliveries.Payload("ideasoft-order-created.json"), "shippingAddress", "\"Bağdat Caddesi, İstanbul\"");
        body = JsonEdits.Replace(body, "billingAddress.location", "{\"id\":34,\"name\":\"İstanbul\"}");

        var created = Assert.IsType<OrderCreated>(_profile.Map(Delivery("order/create", body)).Event);

        Assert.Null(created.ShippingAddress);
        Assert.Equal(("Kadıköy", null), (created.BillingAddress!.City, created.BillingAddress.Region));
    }

    [Fact]
    public void A_topic_we_do_not_use_maps_to_no_event() =>
        Assert.Null(_profile.Map(Deliveries.Request("{\"id\":1}", ("X-Ideashop-Topic", "product/update"))).Event);

    [Fact]
    public void A_delivery_without_a_topic_is_rejected_naming_the_header()
    {
        var request = Deliveries.Request(Deliveries.Payload("ideasoft-order-created.json"));

        Assert.Equal("X-Ideashop-Topic", Assert.Throws<WebhookPayloadException>(() => _profile.Map(request)).Field);
    }

    [Fact]
    public void A_missing_customer_email_on_create_is_rejected_naming_the_field()
    {
        var body = JsonEdits.Remove(Deliveries.Payload("ideasoft-order-created.json"), "customerEmail");

        Assert.Equal("customerEmail", Assert.Throws<WebhookPayloadException>(() => _profile.Map(Delivery("order/create", body))).Field);
    }

    private static WebhookRequest Delivery(string topic, string fileName) => Delivery(topic, Deliveries.Payload(fileName));

    private static WebhookRequest Delivery(string topic, byte[] body) => Deliveries.Request(body, ("X-Ideashop-Topic", topic));
}
