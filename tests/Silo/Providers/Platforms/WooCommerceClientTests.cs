using System.Diagnostics;
using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Silo.Providers.Platforms.WooCommerce;
using static OrleansShop.Tests.Silo.Providers.Platforms.PlatformTesting;

namespace OrleansShop.Tests.Silo.Providers.Platforms;

public sealed class WooCommerceClientTests : IAsyncLifetime
{
    private FakeWooCommerce _woo = null!;

    public async Task InitializeAsync() => _woo = await FakeWooCommerce.StartAsync();

    public async Task DisposeAsync() => await _woo.DisposeAsync();

    private Task<DeliveryOutcome> WriteAsync(
        string? status = null, string[]? tags = null, string note = Note, string orderId = "1001", string secret = FakeWooCommerce.ConsumerSecret, TimeSpan? timeout = null) =>
        new WooCommerceClient(Http, Options(timeout))
            .WriteAsync(_woo.BaseAddress, FakeWooCommerce.ConsumerKey, secret, Update(orderId, tags, note, status), CancellationToken.None);

    [Fact]
    public async Task A_write_back_reads_the_order_sets_its_status_reads_its_notes_and_adds_one_private_note_all_with_Basic_credentials()
    {
        _woo.AddOrder(1001, "processing");

        var outcome = await WriteAsync(status: "completed", tags: ["cod-confirmed", "orleansshop"]);

        Assert.Equal(["status", "note"], Written(outcome));
        var requests = _woo.Received;
        Assert.Equal(
            [("GET", "/wp-json/wc/v3/orders/1001"), ("PUT", "/wp-json/wc/v3/orders/1001"), ("GET", "/wp-json/wc/v3/orders/1001/notes"), ("POST", "/wp-json/wc/v3/orders/1001/notes")],
            requests.Select(r => (r.Method, r.Path)));
        Assert.All(requests, r => Assert.Equal($"Basic {FakeWooCommerce.BasicCredentials}", r.Authorization));
        Assert.All(requests, r => Assert.Equal("application/json", r.Accept));
        Assert.All(requests, r => Assert.Empty(r.Query)); // the key and secret never travel in the address
        Assert.Equal("application/json; charset=utf-8", requests[1].ContentType);
        Assert.Equal("""{"status":"completed"}""", requests[1].BodyText);
        Assert.Equal(JsonSerializer.Serialize(new { note = $"{Note}\nTags: cod-confirmed, orleansshop", customer_note = false }), requests[3].BodyText);
        Assert.Equal("completed", _woo.Order(1001).Status);
    }

    [Fact]
    public async Task A_note_without_tags_is_the_line_alone_and_private()
    {
        _woo.AddOrder(1001);

        await WriteAsync();

        var note = _woo.Order(1001).Notes[0];
        Assert.Equal((Note, false), (note.Note, note.CustomerNote));
    }

    [Fact]
    public async Task A_repeated_update_writes_nothing_the_order_already_shows()
    {
        _woo.AddOrder(1001, "on-hold");

        var first = await WriteAsync(status: "processing", tags: ["cod-confirmed"]);
        var second = await WriteAsync(status: "processing", tags: ["cod-confirmed"]);

        Assert.Equal("""{"platform":"woocommerce","written":["status","note"]}""", first.Response);
        Assert.Equal("""{"platform":"woocommerce","written":[]}""", second.Response);
        Assert.Equal(["GET", "PUT", "GET", "POST", "GET", "GET"], _woo.Received.Select(r => r.Method));
        Assert.Single(_woo.Order(1001).Notes, n => n.Note.Contains(Note, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_status_is_set_only_when_the_order_is_not_in_it_already()
    {
        _woo.AddOrder(1001, "completed");

        var outcome = await WriteAsync(status: "completed");

        Assert.Equal(["note"], Written(outcome));
        Assert.DoesNotContain(_woo.Received, r => r.Method == "PUT");
    }

    [Fact]
    public async Task No_status_leaves_the_order_in_its_own()
    {
        _woo.AddOrder(1001, "on-hold");

        var outcome = await WriteAsync(status: null);

        Assert.Equal(["note"], Written(outcome));
        Assert.Equal("on-hold", _woo.Order(1001).Status);
        Assert.DoesNotContain(_woo.Received, r => r.Method == "PUT");
    }

    [Fact]
    public async Task A_note_an_earlier_attempt_wrote_is_found_among_the_orders_other_notes()
    {
        _woo.AddOrder(1001, "processing", "Payment to be made upon delivery.", $"{Note}\nTags: cod-confirmed", "Order status changed from Pending payment to Processing.");

        var outcome = await WriteAsync(tags: ["cod-confirmed"]);

        Assert.Empty(Written(outcome));
        Assert.Equal(["GET", "GET"], _woo.Received.Select(r => r.Method));
    }

    [Fact]
    public async Task A_note_WordPress_stored_with_HTML_entities_still_counts_as_written()
    {
        const string Line = "OrleansShop: Ayşe & Mehmet confirmed <COD> (#1001, cod-confirmed)";
        _woo.AddOrder(1001, "processing", "OrleansShop: Ayşe &amp; Mehmet confirmed &lt;COD&gt; (#1001, cod-confirmed)");

        var outcome = await WriteAsync(note: Line);

        Assert.Empty(Written(outcome));
    }

    [Fact]
    public async Task An_order_WooCommerce_does_not_have_is_permanent_with_its_message()
    {
        var outcome = await WriteAsync(status: "completed");

        AssertPermanent(outcome, "HTTP 404");
        Assert.Contains("Invalid ID.", outcome.Error, StringComparison.Ordinal);
        Assert.Single(_woo.Received);
    }

    [Fact]
    public async Task Refused_credentials_are_permanent_and_the_reason_repeats_no_secret()
    {
        _woo.AddOrder(1001);

        var outcome = await WriteAsync(secret: "cs_wrong_secret_123");

        AssertPermanent(outcome, "HTTP 401");
        Assert.Contains("Sorry, you cannot view this resource.", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("cs_", outcome.ToString(), StringComparison.Ordinal);
        Assert.Single(_woo.Received);
    }

    [Fact]
    public async Task A_status_WooCommerce_does_not_have_is_permanent_with_its_message()
    {
        _woo.AddOrder(1001);

        var outcome = await WriteAsync(status: "wc-shipped");

        AssertPermanent(outcome, "HTTP 400");
        Assert.Contains("Invalid parameter(s): status", outcome.Error, StringComparison.Ordinal);
        Assert.Equal("processing", _woo.Order(1001).Status);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(429)]
    public async Task Server_errors_and_rate_limits_are_retried_and_the_retry_completes_the_write(int status)
    {
        _woo.AddOrder(1001);
        _woo.AnswerNextWith(status, """{"code":"internal_server_error","message":"There has been a critical error on this website."}""");

        var first = await WriteAsync(status: "completed");
        var retried = await WriteAsync(status: "completed");

        AssertRetry(first, $"HTTP {status}");
        Assert.Equal(["status", "note"], Written(retried));
    }

    [Fact]
    public async Task A_hang_ends_as_retry_within_the_timeout()
    {
        _woo.AddOrder(1001);
        _woo.HangNext();
        var clock = Stopwatch.StartNew();

        var outcome = await WriteAsync(timeout: TimeSpan.FromMilliseconds(500));

        clock.Stop();
        AssertRetry(outcome, "did not answer within 0.5 s");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task An_HTML_page_instead_of_the_order_is_retried()
    {
        _woo.AnswerNextWith(200, "<html><body>Maintenance mode</body></html>");

        var outcome = await WriteAsync();

        AssertRetry(outcome, "HTML or XML, not JSON");
    }

    [Fact]
    public void The_REST_address_is_under_the_stores_own_and_a_WordPress_in_a_sub_folder_keeps_it()
    {
        Assert.Equal(new Uri("https://shop.example/wp-json/wc/v3/orders/1001"), WooCommerceClient.OrderAddress(new Uri("https://shop.example/"), "1001"));
        Assert.Equal(new Uri("https://example.com/shop/wp-json/wc/v3/orders/1001"), WooCommerceClient.OrderAddress(new Uri("https://example.com/shop"), "1001"));
    }
}
