using System.Collections.Concurrent;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Providers.Yurtici;

/// <summary>
/// Yurtiçi Kargo's ShippingOrderDispatcherServices on loopback. By default it behaves like Yurtiçi:
/// a new cargo key is created, a known one answers error 60020, a <c>ttDocumentId</c> that is not
/// 1 to 12 digits is refused, and a query answers the tracking a test set for the key. One-shot
/// failures (5xx, garbage, a hang) can be queued ahead of that.
/// </summary>
public sealed class FakeYurtici : FakeProviderServer
{
    public const string Path = "/KOPSWebServices/ShippingOrderDispatcherServices";

    /// <summary>The fake's error code for a <c>ttDocumentId</c> that is not 1 to 12 digits (Yurtiçi refuses one; its code is not documented).</summary>
    public const string BadDocumentIdCode = "80001";

    /// <summary>The fake's refusal of a query within the minute (made up: Yurtiçi documents neither its code nor its text).</summary>
    public const string TooSoonMessage = "Aynı gönderi 1 dakika içinde tekrar sorgulanamaz.";

    private readonly ConcurrentDictionary<string, YurticiParcel> _created = new();
    private readonly ConcurrentDictionary<string, string> _tracking = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _queried = new();
    private volatile bool _oneQueryAMinute;

    private FakeYurtici()
        : base(200, string.Empty, "text/xml;charset=UTF-8")
    {
        AnswerWith(AsYurticiAsync);
    }

    public Uri Endpoint => new(BaseAddress, Path);

    /// <summary>Cargo keys Yurtiçi holds a shipment for: each at most once, whatever was sent.</summary>
    public IReadOnlyCollection<string> CreatedKeys => [.. _created.Keys];

    /// <summary>What Yurtiçi holds for each created cargo key: as the first request that created it said.</summary>
    public IReadOnlyDictionary<string, YurticiParcel> Parcels => _created;

    public IReadOnlyList<XElement> CreateRequests => Operations("createShipment");

    public IReadOnlyList<XElement> QueryRequests => Operations("queryShipment");

    public static async Task<FakeYurtici> StartAsync()
    {
        var fake = new FakeYurtici();
        await fake.StartServerAsync();
        return fake;
    }

    /// <summary>Behave like Yurtiçi again (after a standing failure).</summary>
    public void BehaveNormally() => AnswerWith(AsYurticiAsync);

    /// <summary>The next request creates its shipment, then the answer never comes: a timeout that hides a success.</summary>
    public void CreateThenHangNext() => AnswerNextWith(CreateThenHangAsync);

    /// <summary>Every request creates its shipment and then hangs.</summary>
    public void CreateThenHang() => AnswerWith(CreateThenHangAsync);

    /// <summary>From now on a second query about one cargo key within a minute is refused with <see cref="TooSoonMessage"/>, as Yurtiçi refuses it.</summary>
    public void RefuseQueriesWithinAMinute() => _oneQueryAMinute = true;

    /// <summary>What queries about <paramref name="cargoKey"/> answer from now on.</summary>
    public void Track(string cargoKey, int operationCode, string? docId = null, string? rejectStatus = null, string? rejectReason = null) =>
        _tracking[cargoKey] = QueryAnswer(cargoKey, operationCode, docId, rejectStatus, rejectReason);

    /// <param name="resultErrCode">The answer's own <c>errCode</c> (<c>ExtendedBaseResultVO</c>), besides the parcel's.</param>
    public static string CreateAnswer(string cargoKey, string errCode = "0", string outFlag = "0", string? resultErrCode = null) => Envelope($"""
        <ns1:createShipmentResponse xmlns:ns1="http://yurticikargo.com.tr/ShippingOrderDispatcherServices">
          <ShippingOrderResultVO>
            <count>1</count><errCode>{resultErrCode}</errCode><jobId>{(errCode == "0" && resultErrCode is null ? "7431" : string.Empty)}</jobId><outFlag>{outFlag}</outFlag><outResult>{(errCode == "0" && resultErrCode is null ? "Başarılı" : "Hata")}</outResult>
            <shippingOrderDetailVO><cargoKey>{cargoKey}</cargoKey><errCode>{errCode}</errCode><errMessage>{(errCode == "60020" ? "Kargo Anahtarı sistemde mevcut" : string.Empty)}</errMessage><invoiceKey>INV</invoiceKey></shippingOrderDetailVO>
          </ShippingOrderResultVO>
        </ns1:createShipmentResponse>
        """);

    public static string QueryAnswer(string cargoKey, int operationCode, string? docId = null, string? rejectStatus = null, string? rejectReason = null) => Envelope($"""
        <ns1:queryShipmentResponse xmlns:ns1="http://yurticikargo.com.tr/ShippingOrderDispatcherServices">
          <ShippingDeliveryVO>
            <count>1</count><outFlag>0</outFlag><outResult>Başarılı</outResult><senderCustId>123</senderCustId>
            <shippingDeliveryDetailVO>
              <cargoKey>{cargoKey}</cargoKey><errCode>0</errCode><operationCode>{operationCode}</operationCode>
              <operationMessage>msg</operationMessage><operationStatus>{(operationCode == 5 ? "DLV" : "IND")}</operationStatus>
              <shippingDeliveryItemDetailVO>
                <docId>{docId}</docId><trackingUrl>{(docId is null ? string.Empty : $"https://www.yurticikargo.com/tr/online-servisler/gonderi-sorgula?code={docId}")}</trackingUrl>
                <rejectStatus>{rejectStatus}</rejectStatus><rejectReasonExplanation>{rejectReason}</rejectReasonExplanation>
              </shippingDeliveryItemDetailVO>
            </shippingDeliveryDetailVO>
          </ShippingDeliveryVO>
        </ns1:queryShipmentResponse>
        """);

    /// <summary>An error answer to queryShipment: <paramref name="errCode"/> on the parcel's detail, <paramref name="resultErrCode"/> and <paramref name="message"/> on the answer.</summary>
    public static string QueryError(string cargoKey, string? errCode, string? resultErrCode = null, string? message = null, string outFlag = "1") => Envelope($"""
        <ns1:queryShipmentResponse xmlns:ns1="http://yurticikargo.com.tr/ShippingOrderDispatcherServices">
          <ShippingDeliveryVO>
            <count>1</count><errCode>{resultErrCode}</errCode><errMessage>{message}</errMessage><outFlag>{outFlag}</outFlag><outResult>Hata</outResult>
            <shippingDeliveryDetailVO><cargoKey>{cargoKey}</cargoKey><errCode>{errCode}</errCode></shippingDeliveryDetailVO>
          </ShippingDeliveryVO>
        </ns1:queryShipmentResponse>
        """);

    public static string Envelope(string body) =>
        $"""<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Header/><env:Body>{body}</env:Body></env:Envelope>""";

    public static string Fault(string code) => Envelope($"<env:Fault><faultcode>env:{code}</faultcode><faultstring>boom</faultstring></env:Fault>");

    public new void AnswerNextWith(int status, string body) => base.AnswerNextWith(status, body);

    private IReadOnlyList<XElement> Operations(string name) =>
        [.. Received.Select(r => XDocument.Parse(r.BodyText).Descendants().First(e => e.Parent?.Name.LocalName == "Body")).Where(e => e.Name.LocalName == name)];

    private async Task AsYurticiAsync(HttpContext context)
    {
        var operation = await OperationAsync(context);
        var key = Field(operation, "cargoKey") ?? Field(operation, "keys") ?? string.Empty;
        var answer = operation.Name.LocalName switch
        {
            "createShipment" when Field(operation, "ttDocumentId") is { } documentId && !IsDocumentId(documentId) => CreateAnswer(key, BadDocumentIdCode, outFlag: "1"),
            "createShipment" => _created.TryAdd(key, YurticiParcel.Of(operation)) ? CreateAnswer(key) : CreateAnswer(key, "60020", outFlag: "1"),
            "queryShipment" when _oneQueryAMinute && !QueriedOverAMinuteAgo(key) => QueryError(key, errCode: null, message: TooSoonMessage),
            "queryShipment" => _tracking.TryGetValue(key, out var tracking) ? tracking : QueryAnswer(key, 0),
            _ => Fault("Client"),
        };
        await Respond(200, answer, "text/xml;charset=UTF-8")(context);
    }

    /// <summary>Records this query; false when the last one about the key came within the minute.</summary>
    private bool QueriedOverAMinuteAgo(string key)
    {
        var now = DateTimeOffset.UtcNow;
        var queried = _queried.TryGetValue(key, out var last);
        _queried[key] = now;
        return !queried || now - last >= TimeSpan.FromMinutes(1);
    }

    private async Task CreateThenHangAsync(HttpContext context)
    {
        var operation = await OperationAsync(context);
        if (Field(operation, "cargoKey") is { } key)
        {
            _created.TryAdd(key, YurticiParcel.Of(operation));
        }

        await HangUntilAbortedAsync(context);
    }

    private static async Task<XElement> OperationAsync(HttpContext context)
    {
        var document = await XDocument.LoadAsync(context.Request.Body, LoadOptions.None, context.RequestAborted);
        return document.Descendants().First(e => e.Parent?.Name.LocalName == "Body");
    }

    internal static string? Field(XElement operation, string name) => operation.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    /// <summary><c>ttDocumentId</c> is an <c>xs:long</c>, and Yurtiçi takes at most 12 digits.</summary>
    private static bool IsDocumentId(string value) => value.Length is > 0 and <= 12 && value.All(char.IsAsciiDigit);
}

/// <summary>A shipment the fake Yurtiçi holds, as the request that created it described it.</summary>
/// <param name="DocumentId">The collection document's number; null for a prepaid parcel.</param>
public sealed record YurticiParcel(string CargoKey, string? CityName, string? TownName, string? DocumentId)
{
    internal static YurticiParcel Of(XElement operation) => new(
        FakeYurtici.Field(operation, "cargoKey") ?? string.Empty,
        FakeYurtici.Field(operation, "cityName"),
        FakeYurtici.Field(operation, "townName"),
        FakeYurtici.Field(operation, "ttDocumentId"));
}
