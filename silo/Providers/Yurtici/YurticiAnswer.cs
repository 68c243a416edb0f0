using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace OrleansShop.Silo.Providers.Yurtici;

/// <summary>
/// Reads Yurtiçi's SOAP answers by local name (its namespace prefixes vary between servers). Anything
/// that is not the expected envelope is unreadable, and worth retrying; nothing of the body is quoted.
/// </summary>
internal static class YurticiAnswer
{
    /// <summary>Cargo key exists: the shipment was created by an earlier attempt.</summary>
    public const string CargoKeyExists = "60020";

    /// <summary>Yurtiçi's "unexpected error": a failure on its side, worth retrying.</summary>
    public const string Unexpected = "936";

    private static readonly XmlReaderSettings Safe = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 4 << 20 };

    public static YurticiCreateResult Created(int status, byte[] body)
    {
        if (Read(status, body, "ShippingOrderResultVO") is not { Result: { } result } answer)
        {
            var (outcome, meaning) = Unreadable(status, body);
            return new(outcome, null, meaning, null);
        }

        var detail = Child(result, "shippingOrderDetailVO");
        var code = ErrorCode(detail) ?? ErrorCode(result);
        var jobId = Value(result, "jobId");
        return code == CargoKeyExists ? new(YurticiOutcome.AlreadyCreated, code, "the cargo key exists: created by an earlier attempt", jobId)
            : answer.OutFlag == "0" && code is null ? new(YurticiOutcome.Accepted, null, "created", jobId)
            : answer.OutFlag == "2" || code == Unexpected ? new(YurticiOutcome.Retryable, code, "Yurtiçi had an unexpected error", null)
            : new(YurticiOutcome.Permanent, code, code is null ? "Yurtiçi refused the shipment" : $"Yurtiçi refused the shipment with error {code}", null);
    }

    public static YurticiQueryResult Queried(int status, byte[] body, string cargoKey)
    {
        if (Read(status, body, "ShippingDeliveryVO") is not { Result: { } result } answer)
        {
            var (outcome, meaning) = Unreadable(status, body);
            return new(outcome, null, meaning, null);
        }

        var detail = result.Elements().FirstOrDefault(e => e.Name.LocalName == "shippingDeliveryDetailVO" && Value(e, "cargoKey") == cargoKey)
            ?? Child(result, "shippingDeliveryDetailVO");
        var code = ErrorCode(detail) ?? ErrorCode(result);
        if (answer.OutFlag != "0" || detail is null || code is not null)
        {
            return QueriedTooSoon(result, detail) ? new(YurticiOutcome.Retryable, code, "Yurtiçi refused a second query within the minute", null)
                : answer.OutFlag == "2" || code == Unexpected ? new(YurticiOutcome.Retryable, code, "Yurtiçi had an unexpected error", null)
                : new(YurticiOutcome.Permanent, code, code is null ? "Yurtiçi answered without the shipment" : $"Yurtiçi error {code}", null);
        }

        var item = Child(detail, "shippingDeliveryItemDetailVO");
        var operation = int.TryParse(Value(detail, "operationCode"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : (int?)null;
        var tracking = new YurticiTracking(
            cargoKey, operation, Value(detail, "operationStatus"), Value(item, "docId") ?? Value(detail, "docId"), Value(item, "trackingUrl"),
            Value(item, "rejectStatus"), Value(item, "rejectReasonExplanation") ?? Value(item, "rejectDescription") ?? Value(item, "rejectStatusExplanation"));
        return new(YurticiOutcome.Accepted, null, "tracked", tracking);
    }

    /// <summary>The result element of a successful answer; null for a fault, an HTTP error or garbage.</summary>
    private static Envelope? Read(int status, byte[] body, string resultName)
    {
        var result = status is >= 200 and < 300 ? Parse(body)?.Descendants().FirstOrDefault(e => e.Name.LocalName == resultName) : null;
        return result is null ? null : new Envelope(result, Value(result, "outFlag"));
    }

    private static (YurticiOutcome Outcome, string Meaning) Unreadable(int status, byte[] body)
    {
        if (Parse(body)?.Descendants().FirstOrDefault(e => e.Name.LocalName == "Fault") is { } fault)
        {
            return (Value(fault, "faultcode") ?? string.Empty).EndsWith("Client", StringComparison.OrdinalIgnoreCase)
                ? (YurticiOutcome.Permanent, "Yurtiçi rejected the request (SOAP client fault)")
                : (YurticiOutcome.Retryable, "Yurtiçi failed (SOAP server fault)");
        }

        return status switch
        {
            401 or 403 => (YurticiOutcome.Permanent, $"Yurtiçi answered HTTP {status}"),
            >= 200 and < 300 => (YurticiOutcome.Retryable, "unreadable answer: not the SOAP envelope expected"),
            _ => (YurticiOutcome.Retryable, $"Yurtiçi answered HTTP {status}"),
        };
    }

    private static XDocument? Parse(byte[] body)
    {
        try
        {
            using var stream = new MemoryStream(body);
            using var reader = XmlReader.Create(stream, Safe);
            return XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether an error answer to queryShipment says the key was asked about again within the minute.
    /// Yurtiçi documents no code for that; that its message is Turkish text naming a minute ("dakika")
    /// is an assumption.
    /// </summary>
    private static bool QueriedTooSoon(XElement result, XElement? detail) =>
        new[] { Value(detail, "errMessage"), Value(result, "errMessage"), Value(result, "outResult") }
            .Any(message => message is not null && (message.Contains("dakika", StringComparison.OrdinalIgnoreCase) || message.Contains("DAKİKA", StringComparison.Ordinal)));

    /// <summary>
    /// An element's <c>errCode</c>, "0" being none. Yurtiçi sets one on the parcel's detail and one on the
    /// answer itself (<c>ExtendedBaseResultVO</c>); callers read the detail's first.
    /// </summary>
    private static string? ErrorCode(XElement? element) => Value(element, "errCode") is { } code && code != "0" ? code : null;

    private static XElement? Child(XElement? parent, string name) => parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static string? Value(XElement? parent, string name) => Child(parent, name)?.Value.Trim() is { Length: > 0 } value ? value : null;

    private sealed record Envelope(XElement Result, string? OutFlag);
}
