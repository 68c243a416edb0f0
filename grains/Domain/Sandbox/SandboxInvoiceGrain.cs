using System.Globalization;
using OrleansShop.Effects;
using OrleansShop.Grains.Invoicing;

namespace OrleansShop.Grains.Sandbox;

public sealed record SandboxInvoiceState
{
    public IReadOnlyList<SandboxInvoice> Invoices { get; init; } = [];

    /// <summary>The last number given, by <c>{shopId}/{year}</c>: kept for good, so numbers never repeat.</summary>
    public IReadOnlyDictionary<string, int> LastNumbers { get; init; } = new Dictionary<string, int>();

    public long Sequence { get; init; }
}

public sealed class SandboxInvoiceGrain([PersistentState("sandboxinvoice")] IPersistentState<GrainRecord<SandboxInvoiceState>> state) : EffectGrain<SandboxInvoiceState>(state), ISandboxInvoiceGrain
{
    private const int Keep = 500;

    public async Task<SandboxInvoice> IssueAsync(InvoiceDocument document, bool emailed)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (State.Invoices.FirstOrDefault(i => i.ShopId == document.ShopId && i.ForeignId == document.ForeignId) is { } known)
        {
            return known;
        }

        var now = TimeProvider.GetUtcNow();
        var series = $"{document.ShopId}/{now.Year}";
        var number = State.LastNumbers.GetValueOrDefault(series) + 1;
        var sequence = State.Sequence + 1;
        var total = document.Lines.Sum(l => l.Quantity * l.GrossUnitPrice);
        var invoice = new SandboxInvoice(
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
            emailed);
        State = new SandboxInvoiceState
        {
            Invoices = [.. State.Invoices.TakeLast(Keep - 1), invoice],
            LastNumbers = new Dictionary<string, int>(State.LastNumbers) { [series] = number },
            Sequence = sequence,
        };
        await WriteStateAsync();
        return invoice;
    }

    public Task<IReadOnlyList<SandboxInvoice>> ListAsync() => Task.FromResult(State.Invoices);
}
