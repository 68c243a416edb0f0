using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Grains.Invoicing;
using OrleansShop.Grains.Sandbox;

namespace OrleansShop.Silo.Providers.Sandbox;

/// <summary>Issues nothing with legal effect: numbers and keeps the document in the sandbox log (<c>GET /v1/sandbox/invoices</c>).</summary>
internal sealed class SandboxInvoicer(IGrainFactory grains) : IInvoicer
{
    public async Task<DeliveryOutcome> IssueAsync(InvoiceDocument document, string? email, CancellationToken cancellationToken)
    {
        var invoice = await grains.GetGrain<ISandboxInvoiceGrain>(SandboxLogs.Key).IssueAsync(document, emailed: email is not null);
        return DeliveryOutcome.Delivered(JsonSerializer.Serialize(
            new InvoiceIssued(invoice.Number, $"/v1/sandbox/invoices/{invoice.Id}", "issued by the sandbox invoicer"), GrainJson.Options));
    }
}
