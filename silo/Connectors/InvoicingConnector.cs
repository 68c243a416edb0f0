using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Grains.Invoicing;
using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Privacy;
using OrleansShop.Silo.Providers;

namespace OrleansShop.Silo.Connectors;

/// <summary>
/// Delivers the outbox's <c>invoicing</c> calls to the invoicer. The buyer's address is opened here,
/// just for the call, from the sealed form the payload carries; a retried delivery carries the same
/// foreign id, so each document is made once.
/// </summary>
internal sealed class InvoicingConnector(IInvoicer invoicer, EmailSealer sealer) : IExternalCallHandler
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
        return await invoicer.IssueAsync(document, email, cancellationToken);
    }

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
