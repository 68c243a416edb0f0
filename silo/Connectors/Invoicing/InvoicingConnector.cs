using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansShop.Effects;
using OrleansShop.Grains.Invoicing;
using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Privacy;
using OrleansShop.Grains.Sandbox;

namespace OrleansShop.Silo.Connectors.Invoicing;

/// <summary>
/// Delivers the outbox's <c>invoicing</c> calls: in sandbox mode to the sandbox invoicer grain, in
/// live mode to the shop's Számlahegy account. The buyer's address is opened here, just for the
/// call, from the sealed form the payload carries; a retried delivery carries the same foreign id,
/// so each document is made once.
/// </summary>
internal sealed class InvoicingConnector(IGrainFactory grains, IOptions<ProvidersOptions> providers, SzamlahegyInvoicer szamlahegy, EmailSealer sealer) : IExternalCallHandler
{
    public string Connector => InvoiceNames.Connector;

    public async Task<DeliveryOutcome> DeliverAsync(ExternalCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Operation != InvoiceNames.Issue || Read(call.Payload) is not { } document)
        {
            return DeliveryOutcome.Permanent($"The invoicing connector cannot '{call.Operation}' this payload.");
        }

        var email = document.SealedEmail is { } sealedEmail ? sealer.Unseal(sealedEmail, OrderKeys.SealingContext(document.ShopId, document.OrderId)) : null;
        if (!providers.Value.IsSandbox)
        {
            return await szamlahegy.IssueAsync(document, email, cancellationToken);
        }

        var invoice = await grains.GetGrain<ISandboxInvoiceGrain>("all").IssueAsync(document, emailed: email is not null);
        return Issued(new InvoiceIssued(invoice.Number, $"/v1/sandbox/invoices/{invoice.Id}", "issued by the sandbox invoicer"));
    }

    public static DeliveryOutcome Issued(InvoiceIssued issued) => DeliveryOutcome.Delivered(JsonSerializer.Serialize(issued, GrainJson.Options));

    private static InvoiceDocument? Read(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<InvoiceDocument>(payload, GrainJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
