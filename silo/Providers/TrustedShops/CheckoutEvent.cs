namespace OrleansShop.Silo.Providers.TrustedShops;

/// <summary>
/// An eTrusted event for a completed checkout: the order that entitles the buyer to an invitation.
/// The e-mail is plaintext here, so this type exists only for the length of one call and prints without it.
/// </summary>
/// <param name="Type">
/// eTrusted's event <c>type</c>: the one configured in the shop's eTrusted account (often <c>delivery</c>),
/// whose invitation rules send the invitation. Not <c>checkout</c>, which eTrusted reserves for itself.
/// </param>
/// <param name="Reference">The order number: eTrusted's <c>transaction.reference</c>.</param>
/// <param name="DeliveryDate">eTrusted's <c>estimatedDeliveryDate</c>: invitations follow it.</param>
public sealed record CheckoutEvent(
    string Type,
    string Email,
    string? FirstName,
    string? LastName,
    string Reference,
    DateTimeOffset TransactionDate,
    DateOnly DeliveryDate,
    IReadOnlyList<CheckoutProduct> Products)
{
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Type = ").Append(Type).Append(", Reference = ").Append(Reference).Append(", Email = (hidden)");
        return true;
    }

    /// <summary>A buyer's full name split as eTrusted wants it: the last word is the last name.</summary>
    public static (string? FirstName, string? LastName) SplitName(string? name)
    {
        var words = (name ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length switch
        {
            0 => (null, null),
            1 => (words[0], null),
            _ => (string.Join(' ', words[..^1]), words[^1]),
        };
    }
}

public sealed record CheckoutProduct(string Sku, string Name);
