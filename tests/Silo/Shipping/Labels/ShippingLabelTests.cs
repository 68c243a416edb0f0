using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Shipping;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Shipping.Labels;

namespace OrleansShop.Tests.Silo.Shipping.Labels;

/// <summary>What a label says, from the order's, the shipment's and the shop's parts.</summary>
public sealed class ShippingLabelTests
{
    private static ShopSettings Shop(ShippingSender? sender) => new()
    {
        Name = "Kertész Webáruház",
        Webhooks = new WebhookSettings("standard", "whsec_x"),
        Shipping = new ShippingSettings(Enabled: true, Sender: sender),
    };

    private static readonly ParcelLabelFacts Parcel = new("in_transit", "OS3K7ZQ2MXW9P4D8RT6A", "yurtici");

    private static OrderLabelFacts Order(Amount? cod, string? phone = "0532 123 45 67") => new(
        "#10023",
        "Łucja\tŻółć",
        new PostalAddress("Łucja\tŻółć", "Bağdat Cad.\r\nNo:5 D:3", null, "Kadıköy", "34710", "TR", "İstanbul"),
        phone,
        cod,
        "in_transit");

    [Fact]
    public void The_sender_is_the_shops_name_with_its_sender_address_and_the_receiver_the_orders_address_line_by_line()
    {
        var label = ShippingLabel.For(Shop(new ShippingSender(null, "Moda Cad. No:12\nKat 3", "Kadıköy / İstanbul", "34710", "TR", "+90 216 555 01 23")), Order(new Amount("349.9", "TRY")), Parcel, sandbox: false);

        Assert.Equal(("OS3K7ZQ2MXW9P4D8RT6A", "Yurtiçi Kargo", "#10023", "349.90 TRY", false), (label.CargoKey, label.Carrier, label.Reference, label.CashOnDelivery, label.Sandbox));
        Assert.Equal("Kertész Webáruház", label.Sender.Name);
        Assert.Equal(["Moda Cad. No:12", "Kat 3", "34710 Kadıköy / İstanbul", "TR"], label.Sender.Lines);
        Assert.Equal("+90 216 555 01 23", label.Sender.Phone);
        Assert.Equal("Łucja Żółć", label.Receiver.Name); // a tab from the platform prints as a space
        Assert.Equal(["Bağdat Cad.", "No:5 D:3", "34710 Kadıköy", "İstanbul", "TR"], label.Receiver.Lines);
        Assert.Equal("0532 123 45 67", label.Receiver.Phone);
    }

    [Fact]
    public void Without_a_sender_setting_the_shops_name_stands_alone_and_a_prepaid_order_collects_nothing()
    {
        var label = ShippingLabel.For(Shop(sender: null), Order(cod: null, phone: null), Parcel, sandbox: true);

        Assert.Equal("Kertész Webáruház", label.Sender.Name);
        Assert.Empty(label.Sender.Lines);
        Assert.Null(label.Sender.Phone);
        Assert.Null(label.CashOnDelivery);
        Assert.Null(label.Receiver.Phone); // forgotten by the order: not printed
        Assert.True(label.Sandbox);
    }

    [Fact]
    public void A_sender_name_replaces_the_shops()
    {
        var label = ShippingLabel.For(Shop(new ShippingSender("Kertész Kft.", "Moda Cad. No:12", "Kadıköy", null, null, null)), Order(cod: null), Parcel, sandbox: false);

        Assert.Equal("Kertész Kft.", label.Sender.Name);
        Assert.Equal(["Moda Cad. No:12", "Kadıköy"], label.Sender.Lines);
    }
}
