using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using OrleansShop.Silo.Providers.Http;

namespace OrleansShop.Silo.Providers.Szamlahegy;

/// <summary>
/// Számlahegy's invoice API: <c>POST {base}/api/v1/invoices</c>. Whatever the network or the
/// provider does, a call ends in a classified <see cref="SzamlahegyResult"/> rather than an
/// exception; only the caller's own cancellation propagates. The invoice's <c>foreign_id</c> is
/// unique per issuer, so calling again after any failure never makes a second invoice: the
/// provider answers that it has one. Nothing here logs.
/// </summary>
public sealed class SzamlahegyClient(HttpClient http, IOptions<SzamlahegyOptions> options)
{
    public const string InvoicesPath = "api/v1/invoices";

    private const string Provider = "Számlahegy";

    private readonly SzamlahegyOptions _options = options.Value;

    public async Task<SzamlahegyResult> CreateInvoiceAsync(SzamlahegyCredentials credentials, SzamlahegyInvoice invoice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(invoice);
        if (Invalid(credentials, invoice) is { } invalid)
        {
            return new SzamlahegyResult(SzamlahegyOutcome.Permanent, null, invalid);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{credentials.BaseAddress.AbsoluteUri.TrimEnd('/')}/{InvoicesPath}"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Content = SzamlahegyWire.Content(credentials.ApiKey, invoice);
        var answer = await ProviderExchange.SendAsync(http, request, Provider, _options.Timeout, _options.MaxResponseBytes, cancellationToken);
        return answer.Failure is { } failure
            ? new SzamlahegyResult(SzamlahegyOutcome.Retryable, null, failure)
            : SzamlahegyAnswer.Read(answer.Status, answer.Body, credentials.BaseAddress);
    }

    // A shop's configuration error or an invoice the provider must refuse: permanent, so it reaches dead letters rather than being retried.
    private static string? Invalid(SzamlahegyCredentials credentials, SzamlahegyInvoice invoice) =>
        credentials.BaseAddress is not { IsAbsoluteUri: true, Scheme: "https" or "http", Query: "" } ? "the Számlahegy base address is not an absolute http(s) address without a query"
        : string.IsNullOrWhiteSpace(credentials.ApiKey) ? "the shop has no Számlahegy API key"
        : string.IsNullOrWhiteSpace(invoice.ForeignId) ? "the invoice has no foreign_id"
        : invoice.Rows.Count == 0 ? "an invoice needs at least one row"
        : null;
}
