using System.Text;

namespace OrleansShop.Silo.Providers.UtanvetEllenor;

/// <summary>
/// Who a request or signal is about. All of it is the buyer's personal data: <see cref="ToString"/>
/// shows only which fields are present. Empty or blank optional fields are left out of the call, as if null.
/// </summary>
/// <param name="Email">As the buyer wrote it: the provider normalises it itself and asks for it untransformed.</param>
/// <param name="CountryCode">ISO 3166-1 alpha-2 of the shipping address, e.g. <c>HU</c>.</param>
/// <param name="PhoneNumber">E.164 with the leading <c>+</c>, e.g. <c>+36209238883</c>.</param>
/// <param name="PostalCode">As written in the shipping country, e.g. <c>8640</c>.</param>
/// <param name="AddressLine">The street address without country or postal code, several lines joined into one.</param>
public sealed record UtanvetEllenorBuyer(
    string Email,
    string? CountryCode = null,
    string? PhoneNumber = null,
    string? PostalCode = null,
    string? AddressLine = null)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Email = (hidden)");
        foreach (var (name, value) in new[] { ("CountryCode", CountryCode), ("PhoneNumber", PhoneNumber), ("PostalCode", PostalCode), ("AddressLine", AddressLine) })
        {
            builder.Append(", ").Append(name).Append(string.IsNullOrEmpty(value) ? " = (none)" : " = (hidden)");
        }

        return true;
    }
}
