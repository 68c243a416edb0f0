using System.Globalization;
using OrleansShop.Effects;
using OrleansShop.Grains.Invoicing;

namespace OrleansShop.Grains.Sandbox;

public sealed record SandboxInvoiceState
{
    public SandboxLog<SandboxInvoice> Invoices { get; init; } = new();

    /// <summary>The last number given, by <c>{shopId}/{year}</c>: kept for good, so numbers never repeat.</summary>
    public IReadOnlyDictionary<string, int> LastNumbers { get; init; } = new Dictionary<string, int>();
}

public sealed class SandboxInvoiceGrain([PersistentState("sandboxinvoice")] IPersistentState<GrainRecord<SandboxInvoiceState>> state) : EffectGrain<SandboxInvoiceState>(state), ISandboxInvoiceGrain
{
    public async Task<SandboxInvoice> IssueAsync(InvoiceDocument document, bool emailed)
    {
        ArgumentNullException.ThrowIfNull(document);
        var now = TimeProvider.GetUtcNow();
        var series = $"{document.ShopId}/{now.Year}";
        var number = State.LastNumbers.GetValueOrDefault(series) + 1;
        var total = document.Lines.Sum(l => l.Quantity * l.GrossUnitPrice);
        var (invoices, invoice, added) = State.Invoices.RecordOnce(i => i.ShopId == document.ShopId && i.ForeignId == document.ForeignId, sequence => new SandboxInvoice(
            $"sbx-{sequence}",
            string.Create(CultureInfo.InvariantCulture, $"SBX-{now.Year}-{number:D6}"),
            document.CreditNote ? "creditNote" : "invoice",
            now,
            document.ShopId,
            document.OrderId,
            document.Reference,
            document.ForeignId,
            document.CreditNote ? document.CreditsNumber : null,
            document.Cod ? "cash" : "transfer",
            document.Currency,
            Math.Round(total, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture),
            document.Lines,
            emailed));
        if (added)
        {
            State = new SandboxInvoiceState { Invoices = invoices, LastNumbers = new Dictionary<string, int>(State.LastNumbers) { [series] = number } };
            await WriteStateAsync();
        }

        return invoice;
    }

    public Task<IReadOnlyList<SandboxInvoice>> ListAsync() => Task.FromResult(State.Invoices.Entries);
}
