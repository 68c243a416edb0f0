using System.Xml.Linq;
using Microsoft.Extensions.Options;
using OrleansShop.Silo.Providers.TrustedShops;
using static OrleansShop.Tests.Silo.Providers.TrustedShops.TrustedShopsTesting;

namespace OrleansShop.Tests.Silo.Providers.TrustedShops;

public sealed class ProtectionClientTests : IAsyncLifetime
{
    private static readonly ProtectionApplication Application =
        new("TS080501_2500_30_EUR", 1249.9m, "EUR", "CREDIT_CARD", Email, "shop-1-10023", "10023", new DateTimeOffset(2026, 11, 20, 9, 30, 5, TimeSpan.Zero));

    private FakeProtectionService _service = null!;

    public async Task InitializeAsync() => _service = await FakeProtectionService.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private Task<TrustedShopsResult> RegisterAsync(ProtectionCredentials? credentials = null, TrustedShopsOptions? options = null) =>
        new ProtectionClient(new HttpClient(), Microsoft.Extensions.Options.Options.Create(options ?? Options(_service.BaseAddress))).RegisterAsync(credentials ?? new ProtectionCredentials(Tsid, ProtectionUser, ProtectionPassword), Application, CancellationToken.None);

    [Fact]
    public void The_protection_service_is_on_protection_trustedshops_com_by_default_not_on_the_admin_host()
    {
        Assert.Equal(new Uri("https://protection.trustedshops.com/ts/protectionservices/ApplicationRequestService"), new TrustedShopsOptions().ProtectionAddress);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ApplicationRequestService")]
    [InlineData("ts/adminservices/ApplicationRequestService")]
    public async Task A_protection_posted_anywhere_but_the_services_path_is_a_404_and_permanent(string path)
    {
        var options = Options(_service.BaseAddress);
        options.ProtectionAddress = new Uri(_service.BaseAddress, path);

        var result = await RegisterAsync(options: options);

        Assert.Equal((TrustedShopsOutcome.Permanent, (int?)404), (result.Outcome, result.Status));
        Assert.Equal("/" + path, Assert.Single(_service.Received).Path);
    }

    [Fact]
    public async Task A_protection_is_a_SOAP_requestForProtectionV2_with_its_twelve_parameters_in_order()
    {
        var result = await RegisterAsync();

        Assert.Equal(new TrustedShopsResult(TrustedShopsOutcome.Accepted, 200, "4711001", "protection registered"), result);
        var call = Assert.Single(_service.Received);
        Assert.Equal(("POST", "/ts/protectionservices/ApplicationRequestService"), (call.Method, call.Path));
        Assert.StartsWith("text/xml", call.ContentType, StringComparison.Ordinal);
        var operation = XDocument.Parse(call.BodyText).Descendants(XName.Get("requestForProtectionV2", "http://www.trustedshops.de/")).Single();
        Assert.Equal(
            [("tsId", Tsid), ("tsProductId", "TS080501_2500_30_EUR"), ("amount", "1249.90"), ("currency", "EUR"), ("paymentType", "CREDIT_CARD"), ("buyerEmail", Email),
             ("shopCustomerID", "shop-1-10023"), ("shopOrderID", "10023"), ("orderDate", "2026-11-20T09:30:05"), ("shopSystemVersion", "OrleansShop"),
             ("wsUser", ProtectionUser), ("wsPassword", ProtectionPassword)],
            operation.Elements().Select(e => (e.Name.LocalName, e.Value)));
    }

    [Fact]
    public async Task A_negative_return_is_a_permanent_error_code()
    {
        _service.AnswerWith(200, FakeProtectionService.Return(-10001));

        var result = await RegisterAsync();

        Assert.Equal((TrustedShopsOutcome.Permanent, "Trusted Shops refused the protection with error code -10001"), (result.Outcome, result.Meaning));
    }

    [Theory]
    [InlineData(500, FakeProtectionService.Fault)]
    [InlineData(503, "<html>down</html>")]
    [InlineData(200, "<html>maintenance</html>")]
    [InlineData(200, "not xml at all")]
    [InlineData(200, """<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "1">]><x><return>&e;</return></x>""")]
    public async Task Faults_server_errors_and_answers_without_a_number_are_retryable(int status, string body)
    {
        _service.AnswerWith(status, body);

        Assert.Equal(TrustedShopsOutcome.Retryable, (await RegisterAsync()).Outcome);
    }

    [Fact]
    public async Task A_wrong_address_is_permanent()
    {
        _service.AnswerWith(404, "<html>Not found</html>");

        Assert.Equal((TrustedShopsOutcome.Permanent, (int?)404), ((await RegisterAsync()).Outcome, (await RegisterAsync()).Status));
    }

    [Fact]
    public async Task A_shop_without_a_protection_user_is_permanent_without_a_call()
    {
        var result = await RegisterAsync(new ProtectionCredentials(Tsid, "", ""));

        Assert.Equal(TrustedShopsOutcome.Permanent, result.Outcome);
        Assert.Empty(_service.Received);
        AssertNothingSecret(new ProtectionCredentials(Tsid, ProtectionUser, ProtectionPassword).ToString());
        AssertNothingSecret(Application.ToString());
    }

    [Theory]
    [InlineData("cod", true, "CASH_ON_DELIVERY")]
    [InlineData("PayPal Express", false, "PAYPAL")]
    [InlineData("iyzico", false, "CREDIT_CARD")]
    [InlineData("bacs", false, "PREPAYMENT")]
    [InlineData("gift voucher", false, "OTHER")]
    public void A_payment_method_maps_to_a_Trusted_Shops_payment_type(string method, bool cod, string type) =>
        Assert.Equal(type, ProtectionPaymentTypes.For(method, cod));
}
