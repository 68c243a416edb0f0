namespace OrleansShop.Silo.Providers.Szamlahegy;

/// <summary>
/// One invoice as Számlahegy's <c>invoice</c> object takes it. <see cref="CustomerEmail"/> is
/// plaintext only for the length of the call: the provider e-mails the invoice there.
/// <see cref="ToString"/> leaves the buyer's personal data out.
/// </summary>
public sealed record SzamlahegyInvoice
{
    /// <summary>Unique per issuer: Számlahegy refuses a second invoice with it, which makes it the idempotency key.</summary>
    public required string ForeignId { get; init; }

    public required SzamlahegyKind Kind { get; init; }

    public required string CustomerName { get; init; }

    /// <summary>Számlahegy's <c>customer_contact_name</c>: whom the invoice's e-mail addresses.</summary>
    public string? CustomerContactName { get; init; }

    public string? CustomerZip { get; init; }

    public string? CustomerCity { get; init; }

    public string? CustomerAddress { get; init; }

    /// <summary>ISO 3166-1 alpha-2, e.g. <c>HU</c>.</summary>
    public string? CustomerCountry { get; init; }

    /// <summary>Számlahegy's <c>customer_vatnr</c>: the buyer's tax number, which makes the invoice a B2B one.</summary>
    public string? CustomerVatNumber { get; init; }

    public string? CustomerEmail { get; init; }

    public required SzamlahegyPaymentMethod PaymentMethod { get; init; }

    /// <summary>The payment deadline.</summary>
    public required DateOnly PaymentDate { get; init; }

    /// <summary>The date of supply (teljesítés).</summary>
    public required DateOnly PerformDate { get; init; }

    /// <summary>When it was paid; the invoice then says so.</summary>
    public DateOnly? PaidAt { get; init; }

    /// <summary>Számlahegy's <c>signed</c>: whether it signs the document electronically (an e-invoice).</summary>
    public bool ElectronicallySigned { get; init; }

    /// <summary>ISO 4217, e.g. <c>HUF</c>.</summary>
    public required string Currency { get; init; }

    /// <summary><c>hu</c>, <c>en</c>, <c>de</c> or <c>fr</c>, in either case: Számlahegy takes it upper case (<c>HU|EN|DE|FR</c>), and the wire writes it so.</summary>
    public required string Language { get; init; }

    /// <summary>Free text at the bottom of the invoice: the order number.</summary>
    public string? Footer { get; init; }

    public required IReadOnlyList<SzamlahegyRow> Rows { get; init; }

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("ForeignId = ").Append(ForeignId).Append(", Kind = ").Append(Kind).Append(", Rows = ").Append(Rows.Count).Append(", Currency = ").Append(Currency);
        return true;
    }
}

/// <summary>One row: <see cref="NetUnitPrice"/> is Számlahegy's <c>price_slab</c>, the unit price before VAT.</summary>
/// <param name="TaxPercent">Számlahegy's <c>tax</c>: the VAT rate in percent (27, 5, 0).</param>
public sealed record SzamlahegyRow(string? ProductNr, string Name, decimal Quantity, string QuantityType, decimal NetUnitPrice, decimal TaxPercent);

/// <summary>Számlahegy's <c>kind</c>.</summary>
public enum SzamlahegyKind
{
    /// <summary><c>N</c>: a normal invoice.</summary>
    Normal,

    /// <summary><c>S</c>: a storno (credit note) of an earlier invoice.</summary>
    Storno,

    /// <summary><c>T</c>: a test invoice with no legal effect.</summary>
    Test,
}

/// <summary>Számlahegy's <c>payment_method</c>.</summary>
public enum SzamlahegyPaymentMethod
{
    /// <summary><c>C</c>: cash, which is what cash on delivery is.</summary>
    Cash,

    /// <summary><c>B</c>: bank transfer, which Számlahegy's own webshop plugins use for every prepaid order.</summary>
    Transfer,
}
