using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace OrleansShop.Silo.Providers.Netgsm;

/// <summary>Netgsm's REST v2 JSON: the send body out, the <c>code</c> and fields of an answer in.</summary>
internal static class NetgsmWire
{
    /// <summary>Netgsm's <c>encoding</c> for Turkish characters; without it they would be replaced.</summary>
    public const string TurkishEncoding = "TR";

    /// <summary>
    /// Netgsm's <c>iysfilter</c>: <c>0</c> is an informational message, outside the IYS (Turkey's
    /// commercial-message consent register). An order confirmation is not an advertisement.
    /// </summary>
    public const string InformationalMessage = "0";

    /// <summary>Alphanumeric sender ids have at most 11 characters (GSM 03.40).</summary>
    public const int MaxHeaderLength = 11;

    private const int NationalNumberLength = 10;

    // Turkish letters go out as UTF-8 rather than \u escapes, so the text reads as the shop wrote it in any trace.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>Why this send cannot be right, before Netgsm is asked; null when it looks fine. Never names the number.</summary>
    public static NetgsmFailure? Invalid(string messageHeader, IReadOnlyList<NetgsmMessage> messages)
    {
        if (string.IsNullOrWhiteSpace(messageHeader) || messageHeader.Length > MaxHeaderLength)
        {
            return NetgsmFailure.Permanent($"the sender header must have 1 to {MaxHeaderLength} characters");
        }

        for (var i = 0; i < messages.Count; i++)
        {
            var (text, number) = (messages[i].Text, messages[i].Number);
            if (string.IsNullOrEmpty(text))
            {
                return NetgsmFailure.Permanent($"message {i + 1} has no text");
            }

            if (number is not { Length: NationalNumberLength } || !number.All(char.IsAsciiDigit))
            {
                return NetgsmFailure.Permanent($"message {i + 1}: the number is not ten national digits of a Turkish number");
            }
        }

        return null;
    }

    public static ByteArrayContent SendContent(string messageHeader, IReadOnlyList<NetgsmMessage> messages)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("msgheader", messageHeader);
            json.WriteString("encoding", TurkishEncoding);
            json.WriteString("iysfilter", InformationalMessage);
            json.WriteStartArray("messages");
            foreach (var message in messages)
            {
                json.WriteStartObject();
                json.WriteString("msg", message.Text);
                json.WriteString("no", message.Number);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = Encoding.UTF8.WebName };
        return content;
    }

}
