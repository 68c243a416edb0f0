using System.Text;
using Microsoft.Extensions.Options;
using OrleansShop.Silo.Providers.Http;

namespace OrleansShop.Silo.Providers.Yurtici;

/// <summary>
/// Yurtiçi Kargo's ShippingOrderDispatcherServices over plain HTTP: a SOAP envelope posted, the XML
/// answer read. Whatever the network or Yurtiçi does, a call ends in a classified result rather
/// than an exception; only the caller's own cancellation propagates. Nothing here logs, and no
/// result carries a name, an address, a phone number, a password or any of Yurtiçi's answer body.
/// </summary>
public sealed class YurticiClient(HttpClient http, IOptions<YurticiOptions> options)
{
    private readonly YurticiOptions _options = options.Value;

    /// <summary>
    /// Creates the shipment. The cargo key makes it idempotent at Yurtiçi: a retry of a call whose
    /// answer was lost meets <see cref="YurticiOutcome.AlreadyCreated"/>, which is a success.
    /// </summary>
    public async Task<YurticiCreateResult> CreateShipmentAsync(YurticiCredentials credentials, YurticiShipment shipment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(shipment);
        if ((Invalid(credentials) ?? Invalid(shipment)) is { } invalid)
        {
            return new(YurticiOutcome.Permanent, null, invalid, null);
        }

        var answer = await ExchangeAsync(credentials, YurticiEnvelope.CreateShipment(credentials, shipment), cancellationToken);
        return answer.Failure is { } failure
            ? new(YurticiOutcome.Retryable, null, failure, null)
            : YurticiAnswer.Created(answer.Status, answer.Body);
    }

    /// <summary>Where the parcel is. Call it at most once a minute per cargo key: Yurtiçi blocks faster polling.</summary>
    public async Task<YurticiQueryResult> QueryShipmentAsync(YurticiCredentials credentials, string cargoKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrEmpty(cargoKey);
        if (Invalid(credentials) is { } invalid)
        {
            return new(YurticiOutcome.Permanent, null, invalid, null);
        }

        var answer = await ExchangeAsync(credentials, YurticiEnvelope.QueryShipment(credentials, cargoKey), cancellationToken);
        return answer.Failure is { } failure
            ? new(YurticiOutcome.Retryable, null, failure, null)
            : YurticiAnswer.Queried(answer.Status, answer.Body, cargoKey);
    }

    private async Task<ProviderExchange.Answer> ExchangeAsync(YurticiCredentials credentials, string envelope, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, credentials.Endpoint) { Content = new StringContent(envelope, Encoding.UTF8, "text/xml") };
        request.Headers.Add("SOAPAction", "\"\"");
        return await ProviderExchange.SendAsync(http, request, "Yurtiçi", _options.Timeout, _options.MaxResponseBytes, cancellationToken);
    }

    // A shop's configuration error or an order Yurtiçi cannot take: permanent, so it reaches dead letters rather than being retried.
    private static string? Invalid(YurticiCredentials credentials) =>
        credentials.Endpoint is not { IsAbsoluteUri: true, Scheme: "https" or "http" } ? "the Yurtiçi endpoint is not an absolute http(s) address"
        : string.IsNullOrEmpty(credentials.UserName) || string.IsNullOrEmpty(credentials.Password) ? "the Yurtiçi user name and password are required"
        : null;

    private static string? Invalid(YurticiShipment shipment) =>
        shipment.CargoKey.Length is 0 or > 20 ? "a cargo key is 1 to 20 characters"
        : shipment.InvoiceKey.Length is 0 or > 20 ? "an invoice key is 1 to 20 characters"
        : shipment.ReceiverPhone.Length != 10 || !shipment.ReceiverPhone.All(char.IsAsciiDigit) ? "the receiver's phone is ten national digits"
        : string.IsNullOrWhiteSpace(shipment.ReceiverName) || string.IsNullOrWhiteSpace(shipment.ReceiverAddress) ? "the receiver's name and address are required"
        : shipment.Cod is { DocumentId: var documentId } && (documentId.Length is 0 or > 12 || !documentId.All(char.IsAsciiDigit)) ? "a collection document id is 1 to 12 digits"
        : shipment.Cod is { Amount: <= 0 } ? "a collection amount is positive"
        : null;
}
