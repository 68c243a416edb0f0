using System.Diagnostics;
using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Silo.Providers.Platforms.Shopify;
using static OrleansShop.Tests.Silo.Providers.Platforms.PlatformTesting;

namespace OrleansShop.Tests.Silo.Providers.Platforms;

public sealed class ShopifyAdminClientTests : IAsyncLifetime
{
    private FakeShopify _shopify = null!;

    public async Task InitializeAsync() => _shopify = await FakeShopify.StartAsync();

    public async Task DisposeAsync() => await _shopify.DisposeAsync();

    private static ShopifyAdminClient Client(TimeSpan? timeout = null) => new(Http, Options(timeout));

    private Task<DeliveryOutcome> WriteAsync(PlatformUpdateArgs? args = null, string token = FakeShopify.AccessToken, TimeSpan? timeout = null)
    {
        args ??= new();
        return Client(timeout).WriteAsync(_shopify.BaseAddress, token, Update(args.OrderId, args.Tags, args.Note, args.Status, args.Cancel), CancellationToken.None);
    }

    [Fact]
    public async Task A_write_back_posts_GraphQL_to_the_versioned_admin_address_with_the_access_token_header_and_every_value_in_variables()
    {
        _shopify.AddOrder(1001);

        var outcome = await WriteAsync(new() { Tags = ["cod-confirmed"], Cancel = true });

        Assert.Equal(["tags", "note", "cancel"], Written(outcome));
        var requests = _shopify.Received;
        Assert.Equal(4, requests.Count);
        Assert.All(requests, r => Assert.Equal(("POST", "/admin/api/2025-07/graphql.json", "application/json; charset=utf-8"), (r.Method, r.Path, r.ContentType)));
        Assert.All(requests, r => Assert.Equal(string.Empty, r.Authorization));
        Assert.Equal(["order", "tagsAdd", "orderUpdate", "orderCancel"], _shopify.Operations);
        Assert.All(_shopify.Calls, c => Assert.Equal(FakeShopify.AccessToken, c.AccessToken));
        foreach (var request in requests)
        {
            using var body = JsonDocument.Parse(request.Body);
            Assert.Equal(["query", "variables"], body.RootElement.EnumerateObject().Select(p => p.Name));
        }

        // No value is spliced into a query: the order id, the tag and the note travel as variables.
        Assert.All(_shopify.Calls, c => Assert.DoesNotContain("1001", c.Query, StringComparison.Ordinal));
        Assert.All(_shopify.Calls, c => Assert.DoesNotContain("cod-confirmed", c.Query, StringComparison.Ordinal));
        Assert.Equal(ShopifyAdminClient.OrderQuery, _shopify.Calls[0].Query);
        Assert.Contains("order(id: $id) { id tags note cancelledAt }", _shopify.Calls[0].Query, StringComparison.Ordinal);
        Assert.Equal("""{"id":"gid://shopify/Order/1001"}""", _shopify.Calls[0].Variables.GetRawText());
        Assert.Contains("tagsAdd(id: $id, tags: $tags) { node { id } userErrors { field message } }", _shopify.Calls[1].Query, StringComparison.Ordinal);
        Assert.Equal("""{"id":"gid://shopify/Order/1001","tags":["cod-confirmed"]}""", _shopify.Calls[1].Variables.GetRawText());
        Assert.Contains("orderUpdate(input: $input)", _shopify.Calls[2].Query, StringComparison.Ordinal);
        Assert.Equal(JsonSerializer.Serialize(new { input = new { id = "gid://shopify/Order/1001", note = Note } }), _shopify.Calls[2].Variables.GetRawText());
        Assert.Contains("orderCancelUserErrors { field message code }", _shopify.Calls[3].Query, StringComparison.Ordinal);
        Assert.Contains("job { id }", _shopify.Calls[3].Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_tags_the_order_lacks_are_added_and_the_order_keeps_its_own()
    {
        _shopify.AddOrder(1001, tags: ["vip", "COD-Confirmed"]);

        var outcome = await WriteAsync(new() { Tags = ["cod-confirmed", "orleansshop", "orleansshop"] });

        Assert.Equal(["tags", "note"], Written(outcome));
        Assert.Equal("""["orleansshop"]""", _shopify.Calls[1].Variables.GetProperty("tags").GetRawText());
        Assert.Equal(["vip", "COD-Confirmed", "orleansshop"], _shopify.Order(1001).Tags);
    }

    [Fact]
    public async Task Tags_the_order_already_has_are_not_sent_at_all()
    {
        _shopify.AddOrder(1001, tags: ["cod-confirmed"], note: Note);

        var outcome = await WriteAsync(new() { Tags = ["cod-confirmed"] });

        Assert.Empty(Written(outcome));
        Assert.Equal(["order"], _shopify.Operations);
    }

    [Fact]
    public async Task The_note_becomes_a_new_line_below_the_orders_own_note()
    {
        _shopify.AddOrder(1001, note: "Leave it with the neighbour at no. 12");

        var outcome = await WriteAsync();

        Assert.Equal(["note"], Written(outcome));
        Assert.Equal($"Leave it with the neighbour at no. 12\n{Note}", _shopify.Order(1001).Note);
    }

    [Fact]
    public async Task An_order_without_a_note_gets_the_line_alone()
    {
        _shopify.AddOrder(1001);

        await WriteAsync();

        Assert.Equal(Note, _shopify.Order(1001).Note);
    }

    [Fact]
    public async Task A_repeated_update_writes_nothing_the_order_already_shows()
    {
        _shopify.AddOrder(1001, tags: ["vip"], note: "Ring twice");
        var update = new PlatformUpdateArgs { Tags = ["cod-confirmed", "orleansshop"], Cancel = true };

        var first = await WriteAsync(update);
        var second = await WriteAsync(update);

        Assert.Equal("""{"platform":"shopify","written":["tags","note","cancel"]}""", first.Response);
        Assert.Equal("""{"platform":"shopify","written":[]}""", second.Response);
        Assert.Equal(["order", "tagsAdd", "orderUpdate", "orderCancel", "order"], _shopify.Operations);
        var order = _shopify.Order(1001);
        Assert.Equal(["vip", "cod-confirmed", "orleansshop"], order.Tags);
        Assert.Equal($"Ring twice\n{Note}", order.Note);
    }

    [Fact]
    public async Task A_second_fact_of_the_same_order_adds_its_own_line_below_the_first()
    {
        _shopify.AddOrder(1001);
        const string Shipped = "OrleansShop: handed to Yurtiçi Kargo, tracking 123456789 (#1001, shipped)";

        await WriteAsync();
        var second = await WriteAsync(new() { Note = Shipped });

        Assert.Equal(["note"], Written(second));
        Assert.Equal($"{Note}\n{Shipped}", _shopify.Order(1001).Note);
    }

    [Fact]
    public async Task A_cancel_is_declined_without_a_refund_restocked_silently_with_the_note_for_staff_and_happens_once()
    {
        _shopify.AddOrder(1001);

        var first = await WriteAsync(new() { Cancel = true });
        var second = await WriteAsync(new() { Cancel = true });

        Assert.Equal(["note", "cancel"], Written(first));
        Assert.Empty(Written(second));
        Assert.Single(_shopify.Operations, "orderCancel");
        var cancellation = _shopify.Order(1001).Cancellation!.Value;
        Assert.Equal(
            JsonSerializer.Serialize(new { orderId = "gid://shopify/Order/1001", reason = "DECLINED", refundMethod = new { originalPaymentMethodsRefund = false }, restock = true, notifyCustomer = false, staffNote = Note }),
            cancellation.GetRawText());
        Assert.NotNull(_shopify.Order(1001).CancelledAt);
    }

    [Fact]
    public async Task An_order_already_cancelled_is_not_cancelled_again()
    {
        _shopify.AddOrder(1001, note: Note, cancelled: true);

        var outcome = await WriteAsync(new() { Cancel = true });

        Assert.Empty(Written(outcome));
        Assert.Equal(["order"], _shopify.Operations);
    }

    [Fact]
    public async Task The_status_means_nothing_to_Shopify()
    {
        _shopify.AddOrder(1001, note: Note);

        var outcome = await WriteAsync(new() { Status = "cancelled" });

        Assert.Empty(Written(outcome));
        Assert.Null(_shopify.Order(1001).CancelledAt);
        Assert.Equal(["order"], _shopify.Operations);
    }

    [Fact]
    public async Task An_order_Shopify_does_not_have_is_permanent_and_nothing_is_written()
    {
        var outcome = await WriteAsync();

        AssertPermanent(outcome, "no such order: gid://shopify/Order/1001");
        Assert.Equal(["order"], _shopify.Operations);
    }

    [Fact]
    public async Task A_refused_access_token_is_permanent_and_the_reason_repeats_no_token()
    {
        _shopify.AddOrder(1001);

        var outcome = await WriteAsync(token: "shpat_wrong_0000");

        AssertPermanent(outcome, "HTTP 401");
        Assert.Contains("Invalid API key or access token", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("shpat_", outcome.ToString(), StringComparison.Ordinal);
        Assert.Empty(_shopify.Calls);
    }

    [Theory]
    [InlineData("order")]
    [InlineData("tagsAdd")]
    [InlineData("orderUpdate")]
    [InlineData("orderCancel")]
    public async Task THROTTLED_is_retried_and_the_retry_writes_only_what_is_still_missing(string throttled)
    {
        _shopify.AddOrder(1001);
        _shopify.ThrottleNext(throttled);
        var update = new PlatformUpdateArgs { Tags = ["cod-confirmed"], Cancel = true };

        var first = await WriteAsync(update);
        var retried = await WriteAsync(update);

        AssertRetry(first, "THROTTLED");
        string[] all = ["tags", "note", "cancel"];
        var done = throttled switch { "order" => 0, "tagsAdd" => 0, "orderUpdate" => 1, _ => 2 };
        Assert.Equal(all[done..], Written(retried));
        var order = _shopify.Order(1001);
        Assert.Equal(["cod-confirmed"], order.Tags);
        Assert.Equal(Note, order.Note);
        Assert.NotNull(order.CancelledAt);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(502)]
    [InlineData(429)]
    public async Task Server_errors_and_rate_limits_are_retried(int status)
    {
        _shopify.AddOrder(1001);
        _shopify.AnswerNextWith(status, """{"errors":"Service unavailable"}""");

        var first = await WriteAsync();
        var retried = await WriteAsync();

        AssertRetry(first, $"HTTP {status}");
        Assert.Equal(["note"], Written(retried));
    }

    [Fact]
    public async Task A_hang_ends_as_retry_within_the_timeout()
    {
        _shopify.AddOrder(1001);
        _shopify.HangNext();
        var clock = Stopwatch.StartNew();

        var outcome = await WriteAsync(timeout: TimeSpan.FromMilliseconds(500));

        clock.Stop();
        AssertRetry(outcome, "did not answer within 0.5 s");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_top_level_error_other_than_throttling_is_permanent_with_Shopifys_message()
    {
        _shopify.AddOrder(1001);
        _shopify.RefuseNext("tagsAdd", "ACCESS_DENIED", "Access denied for tagsAdd field. Required access: `write_orders` access scope.");

        var outcome = await WriteAsync(new() { Tags = ["cod-confirmed"] });

        AssertPermanent(outcome, "Access denied for tagsAdd field");
        Assert.Empty(_shopify.Order(1001).Tags);
    }

    [Theory]
    [InlineData("tagsAdd", "tags", "Tags is invalid")]
    [InlineData("orderUpdate", "note", "Note is too long")]
    [InlineData("orderCancel", "orderId", "Cannot cancel an order with pending payments")]
    public async Task User_errors_are_permanent_with_their_field_and_message(string operation, string field, string message)
    {
        _shopify.AddOrder(1001);
        _shopify.UserErrorNext(operation, field, message);

        var outcome = await WriteAsync(new() { Tags = ["cod-confirmed"], Cancel = true });

        AssertPermanent(outcome, $"Shopify refused {operation}");
        Assert.Contains($"{field}: {message}", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_api_version_address_is_permanent()
    {
        _shopify.AddOrder(1001);
        var client = new ShopifyAdminClient(Http, Options(shopifyApiVersion: "2019-04"));

        var outcome = await client.WriteAsync(_shopify.BaseAddress, FakeShopify.AccessToken, Update(), CancellationToken.None);

        AssertPermanent(outcome, "HTTP 404");
    }

    [Fact]
    public async Task An_order_id_that_is_not_a_number_is_permanent_without_a_call()
    {
        var outcome = await WriteAsync(new() { OrderId = "1001) { id } #" });

        AssertPermanent(outcome, "is not a Shopify order id");
        Assert.Empty(_shopify.Received);
    }

    [Fact]
    public void The_GraphQL_address_is_the_stores_own_and_a_path_prefix_is_kept()
    {
        var client = Client();

        Assert.Equal(new Uri("https://demo.myshopify.com/admin/api/2025-07/graphql.json"), client.Endpoint(new Uri("https://demo.myshopify.com/")));
        Assert.Equal(new Uri("https://proxy.example/shop/admin/api/2025-07/graphql.json"), client.Endpoint(new Uri("https://proxy.example/shop")));
    }

    internal sealed record PlatformUpdateArgs
    {
        public string OrderId { get; init; } = "1001";

        public string[] Tags { get; init; } = [];

        public string Note { get; init; } = PlatformTesting.Note;

        public string? Status { get; init; }

        public bool Cancel { get; init; }
    }
}
