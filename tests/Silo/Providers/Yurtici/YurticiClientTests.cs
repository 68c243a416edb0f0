using System.Xml.Linq;
using Microsoft.Extensions.Options;
using OrleansShop.Silo.Providers.Yurtici;

namespace OrleansShop.Tests.Silo.Providers.Yurtici;

public sealed class YurticiClientTests : IAsyncLifetime
{
    private const string User = "YKTEST";
    private const string Password = "s3cr<et>&ş";
    private const string Phone = "5321234567";

    private static readonly HttpClient Http = new();

    private FakeYurtici _yurtici = null!;

    public async Task InitializeAsync() => _yurtici = await FakeYurtici.StartAsync();

    public async Task DisposeAsync() => await _yurtici.DisposeAsync();

    private static YurticiClient Client(TimeSpan? timeout = null) => new(Http, Options.Create(new YurticiOptions { Timeout = timeout ?? TimeSpan.FromSeconds(10) }));

    private YurticiCredentials Credentials => new(_yurtici.Endpoint, User, Password);

    private static YurticiShipment Shipment(string cargoKey = "OSABCDEFGH23456789", YurticiCashOnDelivery? cod = null) =>
        new(cargoKey, "10023", "Ayşe <Yılmaz> & Co", "Bağdat Cad. No:5 D:3 34710", "İstanbul", "Kadıköy", Phone, cod);

    private Task<YurticiCreateResult> CreateAsync(YurticiShipment? shipment = null, TimeSpan? timeout = null) =>
        Client(timeout).CreateShipmentAsync(Credentials, shipment ?? Shipment(), CancellationToken.None);

    private static string? Field(XElement operation, string name) => operation.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    [Fact]
    public async Task CreateShipment_posts_a_SOAP_envelope_with_the_credentials_and_one_parcel_in_the_body()
    {
        await CreateAsync(Shipment(cod: new YurticiCashOnDelivery(349.9m, Card: false, "10023")));

        var request = Assert.Single(_yurtici.Received);
        Assert.Equal(("POST", FakeYurtici.Path), (request.Method, request.Path));
        Assert.StartsWith("text/xml", request.ContentType, StringComparison.Ordinal);
        var operation = Assert.Single(_yurtici.CreateRequests);
        Assert.Equal("http://yurticikargo.com.tr/ShippingOrderDispatcherServices", operation.Name.NamespaceName);
        Assert.Equal((User, Password, "TR"), (Field(operation, "wsUserName"), Field(operation, "wsPassword"), Field(operation, "userLanguage")));
        var order = operation.Elements().Single(e => e.Name.LocalName == "ShippingOrderVO");
        Assert.Equal("OSABCDEFGH23456789", Field(order, "cargoKey"));
        Assert.Equal("10023", Field(order, "invoiceKey"));
        Assert.Equal("Ayşe <Yılmaz> & Co", Field(order, "receiverCustName"));
        Assert.Equal("Bağdat Cad. No:5 D:3 34710", Field(order, "receiverAddress"));
        Assert.Equal(("İstanbul", "Kadıköy"), (Field(order, "cityName"), Field(order, "townName")));
        Assert.Equal(Phone, Field(order, "receiverPhone1"));
        Assert.Equal("1", Field(order, "cargoCount"));
        Assert.Equal(("349.90", "0", "10023"), (Field(order, "ttInvoiceAmount"), Field(order, "ttCollectionType"), Field(order, "ttDocumentId")));
    }

    [Fact]
    public async Task A_card_collection_says_so_and_a_prepaid_parcel_carries_no_collection_fields()
    {
        await CreateAsync(Shipment("CARD1", new YurticiCashOnDelivery(10m, Card: true, "1")));
        await CreateAsync(Shipment("PREPAID1"));

        var card = _yurtici.CreateRequests[0];
        var prepaid = _yurtici.CreateRequests[1];
        Assert.Equal(("1", "1", "1"), (Field(card, "ttCollectionType"), Field(card, "dcSelectedCredit"), Field(card, "dcCreditRule")));
        Assert.DoesNotContain(prepaid.Descendants(), e => e.Name.LocalName.StartsWith("tt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_created_shipment_is_accepted_and_the_same_cargo_key_again_is_already_created()
    {
        var first = await CreateAsync();
        var again = await CreateAsync();

        Assert.Equal((YurticiOutcome.Accepted, "7431"), (first.Outcome, first.JobId));
        Assert.Equal((YurticiOutcome.AlreadyCreated, "60020"), (again.Outcome, again.Code));
        Assert.Single(_yurtici.CreatedKeys);
    }

    [Fact]
    public async Task Another_error_is_permanent_and_its_meaning_quotes_nothing_of_the_answer()
    {
        _yurtici.AnswerWith(200, FakeYurtici.Envelope("""
            <ns1:createShipmentResponse xmlns:ns1="x"><ShippingOrderResultVO><outFlag>1</outFlag><outResult>Hata Ayşe</outResult>
            <shippingOrderDetailVO><cargoKey>K</cargoKey><errCode>82500</errCode><errMessage>Alıcı Ayşe Yılmaz 5321234567 hatalı</errMessage></shippingOrderDetailVO>
            </ShippingOrderResultVO></ns1:createShipmentResponse>
            """));

        var result = await CreateAsync();

        Assert.Equal((YurticiOutcome.Permanent, "82500"), (result.Outcome, result.Code));
        Assert.DoesNotContain("Ayşe", result.Meaning, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, result.Meaning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "82510", "82510")]
    [InlineData("", "82510", "82510")]
    [InlineData("82500", "82510", "82500")]
    public async Task CreateShipment_reports_the_parcels_error_code_or_else_the_answers_own(string detailCode, string resultCode, string code)
    {
        _yurtici.AnswerNextWith(200, FakeYurtici.CreateAnswer("OSABCDEFGH23456789", detailCode, outFlag: "1", resultErrCode: resultCode));

        var result = await CreateAsync();

        Assert.Equal((YurticiOutcome.Permanent, code), (result.Outcome, result.Code));
        Assert.Contains(code, result.Meaning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "82510", "82510")]
    [InlineData("", "82510", "82510")]
    [InlineData("82500", "82510", "82500")]
    public async Task QueryShipment_reports_the_parcels_error_code_or_else_the_answers_own(string detailCode, string resultCode, string code)
    {
        _yurtici.AnswerNextWith(200, FakeYurtici.QueryError("OSKEY", detailCode, resultCode));

        var result = await Client().QueryShipmentAsync(Credentials, "OSKEY", CancellationToken.None);

        Assert.Equal((YurticiOutcome.Permanent, code, null), (result.Outcome, result.Code, result.Tracking));
    }

    public static TheoryData<int, string> RetryableAnswers() => new()
    {
        { 500, "<html><body>Internal error</body></html>" },
        { 503, string.Empty },
        { 200, "this is not XML" },
        { 200, "<unexpected><xml/></unexpected>" },
        { 200, """{"outFlag":0}""" },
        { 500, FakeYurtici.Fault("Server") },
        { 200, FakeYurtici.Envelope("<ns1:createShipmentResponse xmlns:ns1=\"x\"><ShippingOrderResultVO><outFlag>2</outFlag></ShippingOrderResultVO></ns1:createShipmentResponse>") },
    };

    [Theory]
    [MemberData(nameof(RetryableAnswers))]
    public async Task Server_errors_and_garbage_are_retryable(int status, string body)
    {
        _yurtici.AnswerWith(status, body);

        var result = await CreateAsync();

        Assert.Equal(YurticiOutcome.Retryable, result.Outcome);
    }

    [Fact]
    public async Task CreateShipment_error_936_unexpected_is_retryable()
    {
        _yurtici.AnswerNextWith(200, FakeYurtici.CreateAnswer("OSABCDEFGH23456789", "936", outFlag: "1"));

        var result = await CreateAsync();

        Assert.Equal((YurticiOutcome.Retryable, "936"), (result.Outcome, result.Code));
    }

    [Fact]
    public async Task QueryShipment_error_936_unexpected_is_retryable()
    {
        _yurtici.AnswerNextWith(200, FakeYurtici.QueryError("OSKEY", "936"));

        var result = await Client().QueryShipmentAsync(Credentials, "OSKEY", CancellationToken.None);

        Assert.Equal((YurticiOutcome.Retryable, "936", null), (result.Outcome, result.Code, result.Tracking));
    }

    [Fact]
    public async Task QueryShipment_repeated_within_a_minute_is_retryable()
    {
        _yurtici.RefuseQueriesWithinAMinute();

        var first = await Client().QueryShipmentAsync(Credentials, "OSKEY", CancellationToken.None);
        var again = await Client().QueryShipmentAsync(Credentials, "OSKEY", CancellationToken.None);

        Assert.Equal(YurticiOutcome.Accepted, first.Outcome);
        Assert.Equal((YurticiOutcome.Retryable, null), (again.Outcome, again.Tracking));
        Assert.DoesNotContain("dakika", again.Meaning, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("1 DAKİKA İÇİNDE AYNI GÖNDERİ TEKRAR SORGULANAMAZ")]
    [InlineData("Lütfen 1 dakika sonra tekrar deneyiniz")]
    public async Task QueryShipment_refused_with_a_message_about_a_minute_is_retryable(string message)
    {
        _yurtici.AnswerNextWith(200, FakeYurtici.QueryError("OSKEY", errCode: null, message: message));

        var result = await Client().QueryShipmentAsync(Credentials, "OSKEY", CancellationToken.None);

        Assert.Equal(YurticiOutcome.Retryable, result.Outcome);
    }

    [Fact]
    public async Task A_client_fault_and_refused_credentials_are_permanent()
    {
        _yurtici.AnswerNextWith(500, FakeYurtici.Fault("Client"));
        _yurtici.AnswerNextWith(401, string.Empty);

        Assert.Equal(YurticiOutcome.Permanent, (await CreateAsync()).Outcome);
        Assert.Equal(YurticiOutcome.Permanent, (await CreateAsync()).Outcome);
    }

    [Fact]
    public async Task A_timeout_is_retryable_and_the_retry_of_a_hidden_success_is_already_created()
    {
        _yurtici.CreateThenHangNext();

        var timedOut = await CreateAsync(timeout: TimeSpan.FromMilliseconds(500));
        var retried = await CreateAsync();

        Assert.Equal(YurticiOutcome.Retryable, timedOut.Outcome);
        Assert.Contains("did not answer", timedOut.Meaning, StringComparison.Ordinal);
        Assert.Equal(YurticiOutcome.AlreadyCreated, retried.Outcome);
    }

    [Fact]
    public async Task An_unreachable_Yurtici_is_retryable()
    {
        var result = await Client().CreateShipmentAsync(new YurticiCredentials(new Uri(Infrastructure.Loopback.ClosedPort(), "x"), User, Password), Shipment(), CancellationToken.None);

        Assert.Equal(YurticiOutcome.Retryable, result.Outcome);
    }

    [Theory]
    [InlineData("OSABCDEFGH234567890XY", Phone)]
    [InlineData("OK", "532123456")]
    [InlineData("OK", "05321234567")]
    public async Task A_shipment_Yurtici_cannot_take_is_permanent_without_a_call(string cargoKey, string phone)
    {
        var result = await CreateAsync(Shipment(cargoKey) with { ReceiverPhone = phone });

        Assert.Equal(YurticiOutcome.Permanent, result.Outcome);
        Assert.Empty(_yurtici.Received);
    }

    [Theory]
    [InlineData("")]
    [InlineData("D1")]
    [InlineData("TR-1001")]
    [InlineData("1234567890123")]
    public async Task A_collection_document_id_other_than_1_to_12_digits_is_permanent_without_a_call(string documentId)
    {
        var result = await CreateAsync(Shipment(cod: new YurticiCashOnDelivery(10m, Card: false, documentId)));

        Assert.Equal(YurticiOutcome.Permanent, result.Outcome);
        Assert.Contains("digits", result.Meaning, StringComparison.Ordinal);
        Assert.Empty(_yurtici.Received);
    }

    [Fact]
    public async Task QueryShipment_asks_by_cargo_key_without_history()
    {
        await Client().QueryShipmentAsync(Credentials, "OSKEY", CancellationToken.None);

        var operation = Assert.Single(_yurtici.QueryRequests);
        Assert.Equal((User, Password, "TR"), (Field(operation, "wsUserName"), Field(operation, "wsPassword"), Field(operation, "wsLanguage")));
        Assert.Equal(("OSKEY", "0", "false"), (Field(operation, "keys"), Field(operation, "keyType"), Field(operation, "addHistoricalData")));
    }

    [Theory]
    [InlineData(0, null, null, "created")]
    [InlineData(1, null, null, "in_transit")]
    [InlineData(2, null, null, "in_transit")]
    [InlineData(5, null, null, "delivered")]
    [InlineData(5, "10", "Alıcı Kabul Etmedi", "returned")]
    [InlineData(1, "0", "Alıcı Kabul Etmedi", "returned")]
    [InlineData(5, "11", null, "delivered")]
    [InlineData(3, null, null, "cancelled")]
    [InlineData(6, null, null, "cancelled")]
    public async Task Operation_codes_and_refusals_mean_a_parcel_status(int operationCode, string? rejectStatus, string? reason, string status)
    {
        _yurtici.Track("OSKEY", operationCode, "400123456789", rejectStatus, reason);

        var result = await Client().QueryShipmentAsync(Credentials, "OSKEY", CancellationToken.None);

        Assert.Equal(YurticiOutcome.Accepted, result.Outcome);
        Assert.Equal(status, result.Tracking!.Status);
        Assert.Equal("400123456789", result.Tracking.DocId);
        Assert.Equal(reason, result.Tracking.RejectReason);
        Assert.EndsWith("code=400123456789", result.Tracking.TrackingUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_answered_with_garbage_or_an_error_has_no_tracking()
    {
        _yurtici.AnswerNextWith(200, "<<<");
        _yurtici.AnswerNextWith(200, FakeYurtici.Envelope("<ns1:queryShipmentResponse xmlns:ns1=\"x\"><ShippingDeliveryVO><outFlag>0</outFlag><shippingDeliveryDetailVO><cargoKey>OSKEY</cargoKey><errCode>82500</errCode></shippingDeliveryDetailVO></ShippingDeliveryVO></ns1:queryShipmentResponse>"));

        var garbage = await Client().QueryShipmentAsync(Credentials, "OSKEY", CancellationToken.None);
        var error = await Client().QueryShipmentAsync(Credentials, "OSKEY", CancellationToken.None);

        Assert.Equal((YurticiOutcome.Retryable, null), (garbage.Outcome, garbage.Tracking));
        Assert.Equal((YurticiOutcome.Permanent, "82500", null), (error.Outcome, error.Code, error.Tracking));
    }
}
