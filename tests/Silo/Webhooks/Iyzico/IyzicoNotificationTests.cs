using System.Net;
using System.Text.Json;
using OrleansShop.Tests.Grains.Domain.Shipping;
using OrleansShop.Tests.Infrastructure;
using OrleansShop.Tests.Silo.Endpoints.Webhooks;
using OrleansShop.Tests.Silo.Providers.Yurtici;
using static OrleansShop.Tests.Grains.Domain.Shipping.CargoShop;

namespace OrleansShop.Tests.Silo.Webhooks.Iyzico;

/// <summary><c>POST /v1/shops/{shopId}/payments/iyzico</c> end to end, and payments the order keeps.</summary>
public sealed class IyzicoNotificationTests : IAsyncLifetime
{
    private ClusterScope _scope = null!;
    private CargoShop _shop = null!;

    public async Task InitializeAsync()
    {
        _scope = await ClusterScope.StartAsync(silos: 1);
        _shop = await CargoShop.CreateAsync(_scope.Cluster.Primary, "pay", Settings(shipping: false));
    }

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    private async Task PrepaidAsync(string orderId) =>
        Assert.Equal("Received", (await JsonAsync(await _shop.Webhooks.StandardAsync(Created(orderId, paymentMethod: "card")))).GetProperty("status").GetString());

    private static IEnumerable<JsonElement> Applied(JsonElement order, string to) =>
        order.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("outcome").GetString() == "applied" && h.GetProperty("to").GetString() == to);

    [Fact]
    public async Task A_success_notification_pays_the_order_and_is_answered_like_a_webhook()
    {
        await PrepaidAsync("1001");

        var response = await _shop.Iyzico.DirectAsync("1001");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await JsonAsync(response);
        Assert.Equal(("1001", "Paid", "applied", false), (answer.GetProperty("orderId").GetString(), answer.GetProperty("status").GetString(), answer.GetProperty("outcome").GetString(), answer.GetProperty("duplicate").GetBoolean()));
        var payment = Assert.Single((await _shop.OrderAsync("1001")).GetProperty("payments").EnumerateArray());
        Assert.Equal(("iyzico", "22416035", "SUCCESS", "accepted"), (payment.GetProperty("provider").GetString(), payment.GetProperty("transactionId").GetString(), payment.GetProperty("status").GetString(), payment.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task A_checkout_form_notification_is_verified_with_its_own_formula()
    {
        await PrepaidAsync("1002");

        var response = await _shop.Iyzico.CheckoutFormAsync("1002", "d0a9d7c2-1f5b-4b3b-9a36-6f6f1d3a2c11", 22416036);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Paid", await _shop.StatusAsync("1002"));
    }

    [Fact]
    public async Task A_wrong_or_missing_signature_is_401_and_changes_nothing()
    {
        await PrepaidAsync("1003");

        var wrong = await _shop.Iyzico.DirectAsync("1003", signature: IyzicoPoster.Sign("another-secret", "CREDIT_PAYMENT_AUTH", "22416035", "1003", "SUCCESS"));
        var missing = await _shop.Iyzico.DirectAsync("1003", signature: null);
        var otherFormula = await _shop.Iyzico.DirectAsync("1003", signature: IyzicoPoster.Sign(IyzicoPoster.SecretKey, "CREDIT_PAYMENT_AUTH", "1003", "SUCCESS"));

        Assert.All(new[] { wrong, missing, otherFormula }, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Received", await _shop.StatusAsync("1003"));
        Assert.Empty((await _shop.OrderAsync("1003")).GetProperty("payments").EnumerateArray());
    }

    [Fact]
    public async Task A_shop_without_an_iyzico_key_cannot_be_notified()
    {
        var keyless = await CargoShop.CreateAsync(_scope.Cluster.Primary, "keyless", new { name = "Keyless", webhooks = new { profile = "standard", secret = SignedPoster.StandardSecret } });
        await keyless.Webhooks.StandardAsync(Created("1"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await keyless.Iyzico.DirectAsync("1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await new IyzicoPoster(_scope.Cluster.Primary.CreateClient(bearer: null), "no-such-shop", IyzicoPoster.SecretKey).DirectAsync("1")).StatusCode);
    }

    [Fact]
    public async Task A_malformed_notification_is_400_naming_the_field()
    {
        var noConversation = await _shop.Iyzico.PostAsync(new { paymentId = "1", status = "SUCCESS", iyziReferenceCode = "r", iyziEventType = "CREDIT_PAYMENT_AUTH" }, "00");
        var noPaymentId = await _shop.Iyzico.PostAsync(new { paymentConversationId = "1", status = "SUCCESS", iyziReferenceCode = "r", iyziEventType = "CREDIT_PAYMENT_AUTH" }, "00");
        var notJson = await _shop.Iyzico.PostAsync("not an object", "00");

        Assert.All(new[] { noConversation, noPaymentId, notJson }, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.True((await JsonAsync(noConversation)).GetProperty("errors").TryGetProperty("paymentConversationId", out _));
        Assert.True((await JsonAsync(noPaymentId)).GetProperty("errors").TryGetProperty("paymentId", out _));
    }

    [Fact]
    public async Task A_redelivered_notification_gets_the_original_answer_and_changes_nothing()
    {
        await PrepaidAsync("1004");
        var first = await JsonAsync(await _shop.Iyzico.DirectAsync("1004", referenceCode: "ref-a"));
        var before = await _shop.OrderAsync("1004");

        var again = await JsonAsync(await _shop.Iyzico.DirectAsync("1004", referenceCode: "ref-a"));

        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal((first.GetProperty("status").GetString(), first.GetProperty("outcome").GetString()), (again.GetProperty("status").GetString(), again.GetProperty("outcome").GetString()));
        var after = await _shop.OrderAsync("1004");
        Assert.Equal(before.GetProperty("history").GetArrayLength(), after.GetProperty("history").GetArrayLength());
        Assert.Single(after.GetProperty("payments").EnumerateArray());
    }

    [Fact]
    public async Task Failure_and_init_notifications_are_recorded_without_moving_the_order()
    {
        await PrepaidAsync("1005");

        var init = await JsonAsync(await _shop.Iyzico.DirectAsync("1005", status: "INIT_THREEDS"));
        var failure = await JsonAsync(await _shop.Iyzico.DirectAsync("1005", status: "FAILURE"));

        Assert.Equal(("ignored", "Received"), (init.GetProperty("outcome").GetString(), init.GetProperty("status").GetString()));
        Assert.Equal(("ignored", "Received"), (failure.GetProperty("outcome").GetString(), failure.GetProperty("status").GetString()));
        var order = await _shop.OrderAsync("1005");
        Assert.Equal(["INIT_THREEDS", "FAILURE"], order.GetProperty("payments").EnumerateArray().Select(p => p.GetProperty("status").GetString()));
        Assert.All(order.GetProperty("payments").EnumerateArray(), p => Assert.Equal("recorded", p.GetProperty("outcome").GetString()));
        Assert.Contains(order.GetProperty("history").EnumerateArray(), h => h.GetProperty("event").GetString() == "payment.failed");
    }

    [Fact]
    public async Task A_notification_racing_the_shops_status_webhook_ends_in_one_state_with_one_entry_per_fact()
    {
        var orders = Enumerable.Range(1, 6).Select(i => $"race-{i}").ToList();
        foreach (var order in orders)
        {
            await PrepaidAsync(order);
        }

        // Each order's iyzico notification and the shop's own "paid" status arrive at once, in either order.
        await Task.WhenAll(orders.SelectMany((order, i) => i % 2 == 0
            ? new[] { _shop.Iyzico.DirectAsync(order), _shop.Webhooks.StandardAsync(SignedPoster.Status(order, "paid")) }
            : [_shop.Webhooks.StandardAsync(SignedPoster.Status(order, "paid")), _shop.Iyzico.DirectAsync(order)]));
        await Task.WhenAll(orders.Select(order => _shop.Iyzico.DirectAsync(order))); // iyzico's retry 15 minutes later

        foreach (var order in orders)
        {
            var view = await _shop.OrderAsync(order);
            Assert.Equal("Paid", view.GetProperty("status").GetString());
            Assert.Single(Applied(view, "Paid"));
            Assert.Single(view.GetProperty("payments").EnumerateArray());
            Assert.Equal(["order.created", view.GetProperty("history")[1].GetProperty("event").GetString()], view.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("event").GetString()));
        }
    }

    [Fact]
    public async Task A_payment_for_a_cancelled_order_is_recorded_for_the_shop_to_refund()
    {
        await PrepaidAsync("1006");
        await _shop.Webhooks.StandardAsync(SignedPoster.Status("1006", "cancelled"));

        var answer = await JsonAsync(await _shop.Iyzico.DirectAsync("1006"));

        Assert.Equal(("rejected", "Cancelled"), (answer.GetProperty("outcome").GetString(), answer.GetProperty("status").GetString()));
        Assert.Contains("refund", answer.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var payment = Assert.Single((await _shop.OrderAsync("1006")).GetProperty("payments").EnumerateArray());
        Assert.Equal("refund_due", payment.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_payment_in_another_currency_or_amount_is_recorded_and_rejected_with_the_reason()
    {
        await PrepaidAsync("1007");

        var euros = await JsonAsync(await _shop.Webhooks.StandardAsync(Payment("1007", currency: "EUR", transactionId: "tx-eur")));
        var short_ = await JsonAsync(await _shop.Webhooks.StandardAsync(Payment("1007", amount: "300.00", transactionId: "tx-short")));

        Assert.Equal("rejected", euros.GetProperty("outcome").GetString());
        Assert.Contains("the payment is in EUR, the order in TRY", euros.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("300.00 TRY does not match the order total 349.90 TRY", short_.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var order = await _shop.OrderAsync("1007");
        Assert.Equal("Received", order.GetProperty("status").GetString());
        Assert.Equal(["rejected", "rejected"], order.GetProperty("payments").EnumerateArray().Select(p => p.GetProperty("outcome").GetString()));
    }
}
