using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansShop.Effects;
using OrleansShop.Grains.Invoicing;
using OrleansShop.Grains.Shops;
using OrleansShop.Silo.Providers.Szamlahegy;

namespace OrleansShop.Silo.Providers.Szamlahegy;

/// <summary>
/// Számlahegy with a shop's own account (its <c>invoicingProvider</c> credentials: <c>apiKey</c>,
/// optional <c>test</c> for test invoices and <c>signed</c> for e-invoices). An invoice Számlahegy
/// already has under the document's foreign id counts as issued, with its number unknown: its
/// published API has no route to read an invoice back.
/// </summary>
internal sealed class SzamlahegyInvoicer(IGrainFactory grains, SzamlahegyClient client, IOptions<SzamlahegyOptions> options) : IInvoicer
{
    public async Task<DeliveryOutcome> IssueAsync(InvoiceDocument document, string? email, CancellationToken cancellationToken)
    {
        if (await AccountAsync(document.ShopId) is not { } account)
        {
            return DeliveryOutcome.Permanent($"Shop '{document.ShopId}' has no Számlahegy account: set invoicingProvider.apiKey.");
        }

        var credentials = new SzamlahegyCredentials(options.Value.BaseAddress, account.ApiKey!);
        var result = await client.CreateInvoiceAsync(credentials, Invoice(document, email, account), cancellationToken);
        return result.Outcome switch
        {
            SzamlahegyOutcome.Created => Issued(new InvoiceIssued(result.Number, result.DocumentUrl?.AbsoluteUri, result.Meaning)),
            SzamlahegyOutcome.AlreadyIssued => Issued(new InvoiceIssued(null, null, result.Meaning)),
            SzamlahegyOutcome.Retryable => DeliveryOutcome.Retry(result.Meaning),
            _ => DeliveryOutcome.Permanent(result.Meaning),
        };
    }

    private static DeliveryOutcome Issued(InvoiceIssued issued) => DeliveryOutcome.Delivered(JsonSerializer.Serialize(issued, GrainJson.Options));

    private static SzamlahegyInvoice Invoice(InvoiceDocument document, string? email, InvoicingProviderCredentials account) => new()
    {
        ForeignId = document.ForeignId,
        Kind = document.CreditNote ? SzamlahegyKind.Storno : account.Test ? SzamlahegyKind.Test : SzamlahegyKind.Normal,
        CustomerName = document.CustomerName,
        CustomerContactName = document.ContactName,
        CustomerVatNumber = document.Address?.TaxNumber,
        CustomerZip = document.Address?.PostalCode,
        CustomerCity = document.Address?.City,
        CustomerAddress = string.Join(' ', new[] { document.Address?.Line1, document.Address?.Line2 }.Where(l => !string.IsNullOrWhiteSpace(l))) is { Length: > 0 } line ? line : null,
        CustomerCountry = document.Address?.CountryCode,
        CustomerEmail = email,
        PaymentMethod = document.Cod ? SzamlahegyPaymentMethod.Cash : SzamlahegyPaymentMethod.Transfer,
        PaymentDate = document.Date,
        PerformDate = document.Date,

        // Invoiced on payment or on closing: either way the buyer has paid.
        PaidAt = document.Date,
        ElectronicallySigned = account.Signed,
        Currency = document.Currency,
        Language = document.Language,
        Footer = document.CreditNote && document.CreditsNumber is { } original ? $"#{document.Reference} · {original}" : $"#{document.Reference}",
        Rows = [.. document.Lines.Select(Row)],
    };

    /// <summary>Számlahegy takes the unit price before VAT (<c>price_slab</c>); the order's prices include it.</summary>
    private static SzamlahegyRow Row(InvoiceLine line) =>
        new(line.Sku, line.Name, line.Quantity, "db", Math.Round(line.GrossUnitPrice / (1 + (line.VatRate / 100)), 2, MidpointRounding.AwayFromZero), line.VatRate);

    private async Task<InvoicingProviderCredentials?> AccountAsync(string shopId)
    {
        if (await grains.GetGrain<IShopGrain>(shopId).GetAsync() is not { } shop || !shop.Settings.Credentials.TryGetValue(InvoicingProviderCredentials.Section, out var section))
        {
            return null;
        }

        var account = section.Deserialize<InvoicingProviderCredentials>(GrainJson.Options);
        return account is { ApiKey.Length: > 0 } ? account : null;
    }
}

/// <summary>A shop's <c>invoicingProvider</c> section, as docs/http-api.md names it.</summary>
internal sealed record InvoicingProviderCredentials(string? ApiKey, bool Test = false, bool Signed = false)
{
    public const string Section = "invoicingProvider";
}
