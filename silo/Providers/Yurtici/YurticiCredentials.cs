using System.Globalization;
using System.Text;

namespace OrleansShop.Silo.Providers.Yurtici;

/// <summary>
/// A shop's Yurtiçi Kargo web-service user; Yurtiçi takes it in every SOAP body, not in a header.
/// <see cref="ToString"/> leaves the password out, so logging a credentials object is safe.
/// </summary>
/// <param name="Endpoint">The ShippingOrderDispatcherServices address, <see cref="DefaultEndpoint"/> in production.</param>
/// <param name="Language">Yurtiçi's <c>userLanguage</c> / <c>wsLanguage</c>: <c>TR</c> or <c>EN</c>.</param>
public sealed record YurticiCredentials(Uri Endpoint, string UserName, string Password, string Language = "TR")
{
    public static Uri DefaultEndpoint { get; } = new("https://ws.yurticikargo.com/KOPSWebServices/ShippingOrderDispatcherServices");

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Endpoint = {Endpoint}, UserName = {UserName}, Password = (hidden), Language = {Language}");
        return true;
    }
}
