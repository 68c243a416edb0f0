using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Grains.Events;
using OrleansShop.Grains.Orders;

namespace OrleansShop.Grains.Invoicing;

/// <summary>
/// Issues one order's invoice and, when the order ends not collected, its credit note: each is one
/// outbox call whose foreign id the invoicer refuses to take twice, so redelivery, a retry after a
/// timeout or a silo crash never makes a second document. Every outcome goes to the order and, as
/// an <c>invoice.*</c> event, to the shop's endpoints and its invoice callback.
/// </summary>
public sealed class InvoiceGrain([PersistentState("invoice")] IPersistentState<GrainRecord<InvoiceState>> state) : EffectGrain<InvoiceState>(state), IInvoiceGrain
{
    private string ShopId => GetPrimaryKeyString()[..GetPrimaryKeyString().IndexOf('/', StringComparison.Ordinal)];

    private string OrderId => GetPrimaryKeyString()[(ShopId.Length + 1)..];

    private readonly EventPublisher _events = new();

    public async Task IssueAsync(InvoiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (State.Status != "none")
        {
            return;
        }

        StageInvoice(request);
        await WriteStateAsync();
    }

    public async Task CreditAsync(InvoiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (State.CreditWanted)
        {
            return;
        }

        State = State with { CreditWanted = true, CreditAt = request.At };
        switch (State.Status)
        {
            case "none":
                StageInvoice(request); // the credit note follows once the invoice exists
                break;
            case "issued":
                StageCreditNote();
                break;
            case "failed":
                Report(eventType: null); // nothing was issued, so there is nothing to credit
                break;
        }

        await WriteStateAsync();
    }

    public async Task OnIssuedAsync(ExternalCallResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (State.Status == "issued")
        {
            return; // a replayed dead letter that succeeded after all: the invoice is already known
        }

        if (result.Succeeded && Issued(result) is { } issued)
        {
            State = State with { Status = "issued", Number = issued.Number, Url = issued.Url, Reason = issued.Number is null ? issued.Detail : null };
            Report(ShopEventTypes.InvoiceIssued);
            if (State is { CreditWanted: true, CreditStatus: "none" })
            {
                StageCreditNote();
            }
        }
        else
        {
            State = State with { Status = "failed", Reason = result.Error ?? "the invoicer's answer could not be read" };
            Report(ShopEventTypes.InvoiceFailed);
        }

        await WriteStateAsync();
    }

    public async Task OnCreditedAsync(ExternalCallResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (State.CreditStatus == "issued")
        {
            return;
        }

        if (result.Succeeded && Issued(result) is { } issued)
        {
            State = State with { CreditStatus = "issued", CreditNumber = issued.Number, CreditUrl = issued.Url, CreditReason = issued.Number is null ? issued.Detail : null };
            Report(ShopEventTypes.InvoiceCreditNoteIssued);
        }
        else
        {
            State = State with { CreditStatus = "failed", CreditReason = result.Error ?? "the invoicer's answer could not be read" };
            Report(ShopEventTypes.InvoiceCreditFailed);
        }

        await WriteStateAsync();
    }

    private void StageInvoice(InvoiceRequest request)
    {
        Outbox.Call(InvoiceNames.Connector, InvoiceNames.Issue, Document(request, creditNote: false), nameof(OnIssuedAsync));

        // The staged call carries the sealed address now; this grain has no further use for it.
        State = State with { Status = "pending", Request = request with { SealedEmail = null } };
    }

    private void StageCreditNote()
    {
        var request = State.Request! with { At = State.CreditAt ?? State.Request!.At };
        Outbox.Call(InvoiceNames.Connector, InvoiceNames.Issue, Document(request, creditNote: true), nameof(OnCreditedAsync));
        State = State with { CreditStatus = "pending" };
    }

    private InvoiceDocument Document(InvoiceRequest request, bool creditNote)
    {
        var language = InvoiceLines.Language(request.Address?.CountryCode);
        var lines = InvoiceLines.From(request, language);
        return new InvoiceDocument
        {
            ShopId = ShopId,
            OrderId = OrderId,
            ForeignId = creditNote ? InvoiceNames.CreditNoteForeignId(ShopId, OrderId) : InvoiceNames.ForeignId(ShopId, OrderId),
            CreditNote = creditNote,
            Credits = creditNote ? InvoiceNames.ForeignId(ShopId, OrderId) : null,
            CreditsNumber = creditNote ? State.Number : null,
            Reference = request.Reference,
            // A business buyer (one with a tax number) is invoiced under the billing address's name, its company.
            CustomerName = (request.Address is { TaxNumber: not null, Name: { } company } ? company : null) ?? request.CustomerName ?? request.Address?.Name ?? $"#{request.Reference}",
            ContactName = request.CustomerName,
            Address = request.Address,
            SealedEmail = creditNote ? null : request.SealedEmail,
            Cod = request.Cod,
            Currency = request.Total.Currency,
            Language = language,
            Date = DateOnly.FromDateTime(request.At.UtcDateTime),

            // A credit note reverses every row of its invoice.
            Lines = creditNote ? [.. lines.Select(l => l with { Quantity = -l.Quantity })] : lines,
        };
    }

    protected override Task OnCommittingAsync() => _events.FlushAsync(GrainFactory, ShopId, Outbox);

    /// <summary>Tells the order where its invoice stands and, when something was decided, the shop (the event <paramref name="eventType"/>).</summary>
    private void Report(string? eventType)
    {
        var current = State;
        var creditNote = !current.CreditWanted ? null
            : current.Status == "failed" && current.CreditStatus == "none" ? new CreditNoteSideEffect("none", Reason: "the invoice was not issued, so there is nothing to credit")
            : new CreditNoteSideEffect(current.CreditStatus == "none" ? "pending" : current.CreditStatus, current.CreditNumber, current.CreditUrl, current.CreditReason);
        var revision = current.Revision + 1;
        var report = new InvoiceSideEffect(current.CreditStatus == "issued" ? "credited" : current.Status, current.Number, current.Url, current.Reason, creditNote, revision);
        Outbox.Send<IOrderGrain>(GetPrimaryKeyString(), order => order.InvoiceChangedAsync(report));
        if (eventType is not null)
        {
            _events.Add(eventType, TimeProvider.GetUtcNow(), new InvoiceEventData(ShopId, OrderId, current.Request?.Reference ?? OrderId, report.View()));
        }

        State = current with { Revision = revision };
    }

    private static InvoiceIssued? Issued(ExternalCallResult result)
    {
        try
        {
            return result.Response is { } response ? JsonSerializer.Deserialize<InvoiceIssued>(response, GrainJson.Options) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
