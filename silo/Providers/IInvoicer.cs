using OrleansShop.Effects;
using OrleansShop.Grains.Invoicing;

namespace OrleansShop.Silo.Providers;

/// <summary>
/// The invoicer a shop's documents are issued by: <see cref="Sandbox.SandboxInvoicer"/> or Számlahegy
/// with the shop's own account, chosen once at start-up from <c>Providers:Mode</c>.
/// </summary>
internal interface IInvoicer
{
    /// <summary>
    /// Issues <paramref name="document"/> once per its foreign id, e-mailed to <paramref name="email"/>
    /// when there is one; the delivered receipt is an <see cref="InvoiceIssued"/>.
    /// </summary>
    Task<DeliveryOutcome> IssueAsync(InvoiceDocument document, string? email, CancellationToken cancellationToken);
}
