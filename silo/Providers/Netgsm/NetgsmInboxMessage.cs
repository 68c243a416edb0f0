using System.Globalization;
using System.Text;

namespace OrleansShop.Silo.Providers.Netgsm;

/// <summary>
/// One SMS a buyer sent to the shop's Netgsm number. <see cref="ToString"/> shows only the time: text
/// and numbers are the buyer's data.
/// </summary>
/// <param name="Sender">As Netgsm writes it (national digits, e.g. <c>5321234567</c>); normalise with <c>PhoneNumbers.ToE164(sender, "90")</c>.</param>
/// <param name="Receiver">The shop's number that received it, as Netgsm writes it.</param>
/// <param name="ReceivedAt">Netgsm's time of the message, read as Turkey's time (UTC+3).</param>
public sealed record NetgsmInboxMessage(string Text, string Sender, string Receiver, DateTimeOffset ReceivedAt)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"ReceivedAt = {ReceivedAt:O}, Text = ({Text.Length} characters), Sender = (hidden), Receiver = (hidden)");
        return true;
    }
}
