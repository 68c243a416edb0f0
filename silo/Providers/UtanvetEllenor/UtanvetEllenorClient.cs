using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansShop.Silo.Providers.Http;

namespace OrleansShop.Silo.Providers.UtanvetEllenor;

/// <summary>
/// Utánvét Ellenőr's API v2: ask for an e-mail address's cash-on-delivery reputation, and report
/// whether a buyer collected a parcel. Whatever the network or the provider does, a call ends in a
/// classified result (<see cref="UtanvetEllenorOutcome"/>) rather than an exception; only the
/// caller's own cancellation propagates, and misuse (a threshold off the scale, no order id) throws.
/// Nothing here logs, and no result carries the e-mail, the buyer's other data, a key or any of the
/// provider's answer body beyond its counts and its documented reasons.
/// </summary>
public sealed class UtanvetEllenorClient(HttpClient http, IOptions<UtanvetEllenorOptions> options)
{
    public const string RequestPath = "api/v2/request";
    public const string SignalPath = "api/v2/signal";

    private const string Provider = "Utánvét Ellenőr";

    private readonly UtanvetEllenorOptions _options = options.Value;

    /// <summary>
    /// What the provider knows of <paramref name="buyer"/>'s address. A lookup counts against the
    /// shop's quota, so callers cache answers. The phone and address fields are optional; the
    /// provider's "extended" check wants all four.
    /// </summary>
    /// <param name="threshold">The shop's threshold on the provider's scale, −1 to +1 (see <see cref="ReputationScale.ToThreshold"/>); it decides <see cref="UtanvetEllenorReputation.Blocked"/>.</param>
    /// <param name="orderId">The order's public id, when there is one already; optional for a request.</param>
    public async Task<UtanvetEllenorRequestResult> RequestAsync(UtanvetEllenorCredentials credentials, UtanvetEllenorBuyer buyer, double threshold, string? orderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(buyer);
        ArgumentNullException.ThrowIfNull(buyer.Email);
        if (double.IsNaN(threshold) || threshold is < -1 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold is on the provider's scale, from -1 to +1.");
        }

        if ((InvalidCredentials(credentials) ?? UtanvetEllenorWire.Invalid(buyer)) is { } invalid)
        {
            return UtanvetEllenorRequestResult.Failed(invalid);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(credentials, RequestPath));
        request.Content = UtanvetEllenorWire.RequestContent(buyer, threshold, orderId);
        var (json, failure) = await ExchangeAsync(credentials, request, _options.RequestTimeout, cancellationToken);
        if (failure is not null)
        {
            return UtanvetEllenorRequestResult.Failed(failure);
        }

        using (json)
        {
            return UtanvetEllenorAnswer.Request(json!.RootElement);
        }
    }

    /// <summary>
    /// Reports whether <paramref name="buyer"/> collected the parcel of <paramref name="orderId"/>. The
    /// provider deduplicates on the order id, so a signal retried after a timeout is not counted twice.
    /// </summary>
    public async Task<UtanvetEllenorSignalResult> SignalAsync(UtanvetEllenorCredentials credentials, UtanvetEllenorBuyer buyer, UtanvetEllenorSignalOutcome outcome, string orderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(buyer);
        ArgumentNullException.ThrowIfNull(buyer.Email);
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        if (!Enum.IsDefined(outcome))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "A signal is Collected or Refused.");
        }

        if ((InvalidCredentials(credentials) ?? UtanvetEllenorWire.Invalid(buyer)) is { } invalid)
        {
            return UtanvetEllenorSignalResult.Failed(invalid);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(credentials, SignalPath));
        request.Content = UtanvetEllenorWire.SignalContent(buyer, outcome, orderId);
        var (json, failure) = await ExchangeAsync(credentials, request, _options.SignalTimeout, cancellationToken);
        if (failure is not null)
        {
            return UtanvetEllenorSignalResult.Failed(failure);
        }

        using (json)
        {
            return UtanvetEllenorAnswer.Signal(json!.RootElement);
        }
    }

    private static Uri Endpoint(UtanvetEllenorCredentials credentials, string path) =>
        new($"{credentials.BaseAddress.AbsoluteUri.TrimEnd('/')}/{path}");

    // A shop's configuration error: permanent, so it reaches dead letters (or fails open at checkout) rather than being retried.
    private static UtanvetEllenorFailure? InvalidCredentials(UtanvetEllenorCredentials credentials) =>
        credentials.BaseAddress is not { IsAbsoluteUri: true, Scheme: "https" or "http", Query: "" }
            ? UtanvetEllenorFailure.Permanent("the Utánvét Ellenőr base address is not an absolute http(s) address without a query")
            : string.IsNullOrWhiteSpace(credentials.PublicKey) || string.IsNullOrWhiteSpace(credentials.PrivateKey)
                ? UtanvetEllenorFailure.Permanent("the shop has no Utánvét Ellenőr public and private key")
                : null;

    /// <summary>One round trip under <paramref name="timeout"/>: the answer's JSON object, or a classified failure.</summary>
    private async Task<(JsonDocument? Json, UtanvetEllenorFailure? Failure)> ExchangeAsync(UtanvetEllenorCredentials credentials, HttpRequestMessage request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = ProviderExchange.BasicAuthorization(credentials.PublicKey, credentials.PrivateKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var answer = await ProviderExchange.SendAsync(http, request, Provider, timeout, _options.MaxResponseBytes, cancellationToken);
        return answer.Failure is { } failure
            ? (null, UtanvetEllenorFailure.Retryable(failure))
            : UtanvetEllenorAnswer.Read(answer.Status, answer.Body);
    }
}
