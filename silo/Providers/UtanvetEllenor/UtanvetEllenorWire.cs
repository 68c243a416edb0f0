using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrleansShop.Silo.Providers.UtanvetEllenor;

/// <summary>Utánvét Ellenőr's API v2 JSON: request and signal bodies out, the fields of an answer in.</summary>
internal static class UtanvetEllenorWire
{
    /// <summary>E.164 allows at most 15 digits; fewer than 7 is no subscriber number anywhere.</summary>
    private const int MinPhoneDigits = 7;

    private const int MaxPhoneDigits = 15;

    // Hungarian letters and the '+' of phone numbers and e-mail tags go out as written, not as \u escapes.
    // The relaxed encoder is "unsafe" only for embedding in HTML, which this body never is.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Why the provider cannot take this buyer, before it is asked; null when they look fine. Never quotes a value.</summary>
    public static UtanvetEllenorFailure? Invalid(UtanvetEllenorBuyer buyer)
    {
        if (string.IsNullOrWhiteSpace(buyer.Email))
        {
            return UtanvetEllenorFailure.Permanent("the buyer has no e-mail address");
        }

        if (!string.IsNullOrWhiteSpace(buyer.CountryCode) && (buyer.CountryCode.Length != 2 || !buyer.CountryCode.All(char.IsAsciiLetter)))
        {
            return UtanvetEllenorFailure.Permanent("the country code is not two letters (ISO 3166-1 alpha-2)");
        }

        if (!string.IsNullOrWhiteSpace(buyer.PhoneNumber) && !IsE164(buyer.PhoneNumber))
        {
            return UtanvetEllenorFailure.Permanent("the phone number is not E.164 (a + and 7 to 15 digits)");
        }

        return null;
    }

    public static ByteArrayContent RequestContent(UtanvetEllenorBuyer buyer, double threshold, string? orderId) => Json(json =>
    {
        json.WriteString("email", buyer.Email);
        json.WriteNumber("threshold", threshold);
        WriteIfPresent(json, "orderId", orderId);
        WriteBuyer(json, buyer);
    });

    public static ByteArrayContent SignalContent(UtanvetEllenorBuyer buyer, UtanvetEllenorSignalOutcome outcome, string orderId) => Json(json =>
    {
        json.WriteString("email", buyer.Email);
        json.WriteNumber("outcome", (int)outcome);
        json.WriteString("orderId", orderId);
        WriteBuyer(json, buyer);
    });

    /// <summary>A whole number written as a number or as a string of digits (<c>"status":200</c> or <c>"status":"200"</c>).</summary>
    public static int? Integer(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Number when value.TryGetInt32(out var number) => number,
                JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
                _ => null,
            }
            : null;

    public static double? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : null;

    /// <summary>A flag written as <c>true</c>/<c>false</c> or, as PHP sometimes does, <c>1</c>/<c>0</c>.</summary>
    public static bool? Flag(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number when value.TryGetInt32(out var number) && number is 0 or 1 => number == 1,
                _ => null,
            }
            : null;

    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static bool IsE164(string number) =>
        number.Length is >= MinPhoneDigits + 1 and <= MaxPhoneDigits + 1
        && number[0] == '+'
        && number[1] != '0'
        && !number.AsSpan(1).ContainsAnyExceptInRange('0', '9');

    private static void WriteBuyer(Utf8JsonWriter json, UtanvetEllenorBuyer buyer)
    {
        WriteIfPresent(json, "countryCode", buyer.CountryCode?.ToUpperInvariant());
        WriteIfPresent(json, "phoneNumber", buyer.PhoneNumber);
        WriteIfPresent(json, "postalCode", buyer.PostalCode);
        WriteIfPresent(json, "addressLine", buyer.AddressLine);
    }

    private static void WriteIfPresent(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            json.WriteString(name, value);
        }
    }

    private static ByteArrayContent Json(Action<Utf8JsonWriter> writeMembers)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            writeMembers(json);
            json.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = Encoding.UTF8.WebName };
        return content;
    }
}
