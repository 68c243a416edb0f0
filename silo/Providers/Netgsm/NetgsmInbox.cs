using System.Text.Json;
using OrleansShop.Silo.Providers.Http;

namespace OrleansShop.Silo.Providers.Netgsm;

/// <summary>The <c>messages</c> of an inbox answer: <c>{"message","sender","receiver","datetime"}</c> each.</summary>
internal static class NetgsmInbox
{
    /// <summary>The messages (none when the list is missing or null), or null when one cannot be read.</summary>
    public static List<NetgsmInboxMessage>? Read(JsonElement root)
    {
        if (!root.TryGetProperty("messages", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var messages = new List<NetgsmInboxMessage>(list.GetArrayLength());
        foreach (var item in list.EnumerateArray())
        {
            var (text, sender, receiver) = (JsonText.Of(item, "message"), JsonText.Of(item, "sender"), JsonText.Of(item, "receiver"));
            if (text is null || string.IsNullOrEmpty(sender) || receiver is null || !NetgsmTime.TryParseMessageTime(JsonText.Of(item, "datetime"), out var receivedAt))
            {
                return null;
            }

            messages.Add(new(text, sender, receiver, receivedAt));
        }

        return messages;
    }
}
