using System.Globalization;
using System.Text;

namespace OrleansShop.Silo.Providers.Netgsm;

/// <summary>One SMS of a send: its text and its recipient. <see cref="ToString"/> shows neither: both are the buyer's data.</summary>
/// <param name="Number">Netgsm's <c>no</c>: ten national digits of a Turkish number (<c>5xxxxxxxxx</c>), as <c>PhoneNumbers.ToNetgsmNational</c> gives them.</param>
public sealed record NetgsmMessage(string Text, string Number)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Text = ({Text.Length} characters), Number = (hidden)");
        return true;
    }
}
