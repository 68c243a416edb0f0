using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansShop.Silo.Providers.Szamlahegy;
using static OrleansShop.Tests.Silo.Providers.Szamlahegy.FakeSzamlahegy;

namespace OrleansShop.Tests.Silo.Providers.Szamlahegy;

public sealed class SzamlahegyClientTests : IAsyncLifetime
{
    private const string Email = "Kovacs.Janos+cod@Example.hu";
    private static readonly HttpClient Http = new();

    private FakeSzamlahegy _provider = null!;

    public async Task InitializeAsync() => _provider = await FakeSzamlahegy.StartAsync();

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    private static SzamlahegyInvoice Invoice(string foreignId = "orleansshop/demo/10023", SzamlahegyKind kind = SzamlahegyKind.Normal) => new()
    {
        ForeignId = foreignId,
        Kind = kind,
        CustomerName = "Kovács János",
        CustomerContactName = "Kovács János",
        CustomerZip = "8640",
        CustomerCity = "Fonyód",
        CustomerAddress = "Szigligeti utca 10.",
        CustomerCountry = "hu",
        CustomerEmail = Email,
        PaymentMethod = SzamlahegyPaymentMethod.Cash,
        PaymentDate = new DateOnly(2026, 11, 20),
        PerformDate = new DateOnly(2026, 11, 20),
        PaidAt = new DateOnly(2026, 11, 20),
        Currency = "HUF",
        Language = "hu",
        Footer = "#10023",
        Rows = [new SzamlahegyRow("SKU-1", "Bögre", 2, "db", 3937.01m, 27), new SzamlahegyRow(null, "Szállítási díj", 1, "db", 1574.80m, 27)],
    };

    private static SzamlahegyClient Client(TimeSpan? timeout = null) => new(Http, Options.Create(new SzamlahegyOptions { Timeout = timeout ?? TimeSpan.FromSeconds(10) }));

    private Task<SzamlahegyResult> CreateAsync(SzamlahegyInvoice? invoice = null, TimeSpan? timeout = null) =>
        Client(timeout).CreateInvoiceAsync(new SzamlahegyCredentials(_provider.BaseAddress, ApiKey), invoice ?? Invoice(), CancellationToken.None);

    [Fact]
    public async Task An_invoice_is_a_JSON_POST_to_api_v1_invoices_with_the_key_in_the_body_and_every_field_named_as_Szamlahegy_names_it()
    {
        await CreateAsync();

        var call = Assert.Single(_provider.Received);
        Assert.Equal(("POST", "/api/v1/invoices", "application/json; charset=utf-8"), (call.Method, call.Path, call.ContentType));
        Assert.Equal(string.Empty, call.Authorization);
        using var body = JsonDocument.Parse(call.Body);
        Assert.Equal(["api_key", "invoice"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(ApiKey, body.RootElement.GetProperty("api_key").GetString());
        var invoice = body.RootElement.GetProperty("invoice");
        Assert.Equal(
            ["customer_name", "customer_contact_name", "customer_zip", "customer_city", "customer_address", "customer_country", "customer_email", "payment_method", "payment_date", "perform_date", "paid_at", "kind", "signed", "currency", "language", "footer", "foreign_id", "invoice_rows_attributes"],
            invoice.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("Kovács János", "HU", Email, "C", "N"), (invoice.GetProperty("customer_name").GetString(), invoice.GetProperty("customer_country").GetString(), invoice.GetProperty("customer_email").GetString(), invoice.GetProperty("payment_method").GetString(), invoice.GetProperty("kind").GetString()));
        Assert.Equal(("2026-11-20", false, "orleansshop/demo/10023"), (invoice.GetProperty("perform_date").GetString(), invoice.GetProperty("signed").GetBoolean(), invoice.GetProperty("foreign_id").GetString()));
        Assert.Equal(("HU", "Kovács János"), (invoice.GetProperty("language").GetString(), invoice.GetProperty("customer_contact_name").GetString()));
        var rows = invoice.GetProperty("invoice_rows_attributes").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["productnr", "name", "quantity", "quantity_type", "price_slab", "tax"], rows[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal((2m, 3937.01m, 27m), (rows[0].GetProperty("quantity").GetDecimal(), rows[0].GetProperty("price_slab").GetDecimal(), rows[0].GetProperty("tax").GetDecimal()));
        Assert.False(rows[1].TryGetProperty("productnr", out _));
    }

    [Theory]
    [InlineData("hu", "HU")]
    [InlineData("en", "EN")]
    [InlineData("DE", "DE")]
    public async Task The_language_goes_out_upper_case_as_Szamlahegy_documents_it_and_is_taken(string language, string written)
    {
        var result = await CreateAsync(Invoice() with { Language = language });

        Assert.Equal(SzamlahegyOutcome.Created, result.Outcome);
        Assert.Equal(written, Assert.Single(_provider.Invoices).Invoice.GetProperty("language").GetString());
    }

    [Fact]
    public async Task A_business_buyers_tax_number_goes_out_as_customer_vatnr()
    {
        await CreateAsync(Invoice() with { CustomerName = "Fonyódi Bögre Kft.", CustomerVatNumber = "12345678-2-14" });

        var invoice = Assert.Single(_provider.Invoices).Invoice;
        Assert.Equal(("Fonyódi Bögre Kft.", "12345678-2-14", "Kovács János"), (invoice.GetProperty("customer_name").GetString(), invoice.GetProperty("customer_vatnr").GetString(), invoice.GetProperty("customer_contact_name").GetString()));
    }

    [Theory]
    [InlineData(SzamlahegyKind.Storno, "S")]
    [InlineData(SzamlahegyKind.Test, "T")]
    public async Task A_storno_and_a_test_invoice_say_their_kind(SzamlahegyKind kind, string written)
    {
        await CreateAsync(Invoice(kind: kind));

        Assert.Equal(written, Assert.Single(_provider.Invoices).Kind);
    }

    [Fact]
    public async Task A_made_invoice_answers_its_id_number_and_the_document_url_built_from_its_guid()
    {
        var result = await CreateAsync();

        var made = Assert.Single(_provider.Invoices);
        Assert.Equal(SzamlahegyOutcome.Created, result.Outcome);
        Assert.Equal((201, made.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), made.Number), (result.Status, result.Id, result.Number));
        Assert.Equal(new Uri(_provider.BaseAddress, $"user/invoices/download/{made.DocumentGuid}?inline=true"), result.DocumentUrl);
    }

    [Fact]
    public async Task An_answer_without_a_number_is_still_a_made_invoice_with_its_document()
    {
        _provider.AnswerWithNumber = false;

        var result = await CreateAsync();

        Assert.Equal((SzamlahegyOutcome.Created, null), (result.Outcome, result.Number));
        Assert.NotNull(result.DocumentUrl);
    }

    [Fact]
    public async Task A_repeated_foreign_id_means_already_issued_not_a_failure_and_makes_no_second_invoice()
    {
        await CreateAsync();

        var again = await CreateAsync();

        Assert.Equal((SzamlahegyOutcome.AlreadyIssued, (int?)422), (again.Outcome, again.Status));
        Assert.Single(_provider.Invoices);
    }

    [Fact]
    public async Task A_server_error_is_retryable_and_the_retry_makes_the_one_invoice()
    {
        _provider.Next(Behaviour.FailWith500);

        var failed = await CreateAsync();
        var retried = await CreateAsync();

        Assert.Equal((SzamlahegyOutcome.Retryable, (int?)500), (failed.Outcome, failed.Status));
        Assert.Equal(SzamlahegyOutcome.Created, retried.Outcome);
        Assert.Single(_provider.Invoices);
    }

    [Fact]
    public async Task A_timeout_that_hid_a_success_is_retryable_and_the_retry_meets_the_duplicate_never_a_second_invoice()
    {
        _provider.Next(Behaviour.MakeThenHang);

        var timedOut = await CreateAsync(timeout: TimeSpan.FromMilliseconds(500));
        var retried = await CreateAsync();

        Assert.Equal(SzamlahegyOutcome.Retryable, timedOut.Outcome);
        Assert.Contains("did not answer within 0.5 s", timedOut.Meaning, StringComparison.Ordinal);
        Assert.Equal(SzamlahegyOutcome.AlreadyIssued, retried.Outcome);
        Assert.Single(_provider.Invoices);
    }

    [Fact]
    public async Task A_garbage_answer_to_a_made_invoice_is_retryable_and_the_retry_meets_the_duplicate()
    {
        _provider.Next(Behaviour.MakeThenAnswerGarbage);

        var garbled = await CreateAsync();
        var retried = await CreateAsync();

        Assert.Equal(SzamlahegyOutcome.Retryable, garbled.Outcome);
        Assert.Contains("HTML or XML", garbled.Meaning, StringComparison.Ordinal);
        Assert.Equal(SzamlahegyOutcome.AlreadyIssued, retried.Outcome);
        Assert.Single(_provider.Invoices);
    }

    [Fact]
    public async Task A_slow_answer_within_the_timeout_is_taken()
    {
        _provider.Slowness = TimeSpan.FromMilliseconds(400);
        _provider.Next(Behaviour.MakeSlowly);

        var result = await CreateAsync(timeout: TimeSpan.FromSeconds(5));

        Assert.Equal(SzamlahegyOutcome.Created, result.Outcome);
    }

    [Fact]
    public async Task A_refused_key_is_permanent()
    {
        var result = await Client().CreateInvoiceAsync(new SzamlahegyCredentials(_provider.BaseAddress, "wrong-key"), Invoice(), CancellationToken.None);

        Assert.Equal((SzamlahegyOutcome.Permanent, (int?)401), (result.Outcome, result.Status));
        Assert.Empty(_provider.Invoices);
    }

    [Theory]
    [InlineData(422, """{"customer_zip":["can't be blank for Kovács János"],"invoice_rows_attributes":["is invalid"]}""", SzamlahegyOutcome.Permanent)]
    [InlineData(404, "<html>Not Found</html>", SzamlahegyOutcome.Permanent)]
    [InlineData(503, "", SzamlahegyOutcome.Retryable)]
    [InlineData(429, "", SzamlahegyOutcome.Retryable)]
    [InlineData(201, """{"id":1}""", SzamlahegyOutcome.Retryable)]
    [InlineData(201, "", SzamlahegyOutcome.Retryable)]
    [InlineData(200, "[1,2]", SzamlahegyOutcome.Retryable)]
    public async Task Answers_are_classified_and_the_meaning_quotes_no_personal_data_or_key(int status, string body, SzamlahegyOutcome outcome)
    {
        await using var other = await StaticAnswerServer.StartAsync(status, body);

        var result = await Client().CreateInvoiceAsync(new SzamlahegyCredentials(other.BaseAddress, ApiKey), Invoice(), CancellationToken.None);

        Assert.Equal(outcome, result.Outcome);
        foreach (var secret in new[] { Email, "Kovács", ApiKey, "can't be blank" })
        {
            Assert.DoesNotContain(secret, result.ToString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_validation_answer_names_the_fields_it_refused()
    {
        await using var other = await StaticAnswerServer.StartAsync(422, """{"customer_zip":["can't be blank"],"invoice_rows_attributes":["is invalid"]}""");

        var result = await Client().CreateInvoiceAsync(new SzamlahegyCredentials(other.BaseAddress, ApiKey), Invoice(), CancellationToken.None);

        Assert.EndsWith(": customer_zip, invoice_rows_attributes", result.Meaning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_key_is_permanent_without_a_call()
    {
        var result = await Client().CreateInvoiceAsync(new SzamlahegyCredentials(_provider.BaseAddress, " "), Invoice(), CancellationToken.None);

        Assert.Equal(SzamlahegyOutcome.Permanent, result.Outcome);
        Assert.Empty(_provider.Received);
    }

    [Fact]
    public void Printing_an_invoice_or_credentials_shows_no_personal_data_or_key()
    {
        var printed = Invoice().ToString() + new SzamlahegyCredentials(_provider.BaseAddress, ApiKey);

        foreach (var secret in new[] { Email, "Kovács", "Szigligeti", "8640", ApiKey })
        {
            Assert.DoesNotContain(secret, printed, StringComparison.Ordinal);
        }
    }

    /// <summary>One fixed answer to every request, for classifying what Számlahegy itself never says.</summary>
    private sealed class StaticAnswerServer : Infrastructure.FakeProviderServer
    {
        private StaticAnswerServer(int status, string body)
            : base(status, body, "application/json")
        {
        }

        public static async Task<StaticAnswerServer> StartAsync(int status, string body)
        {
            var server = new StaticAnswerServer(status, body);
            await server.StartServerAsync();
            return server;
        }
    }
}
