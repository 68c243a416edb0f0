using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using OrleansShop.Silo.Providers.Http;

namespace OrleansShop.Silo.Providers.TrustedShops;

/// <summary>
/// eTrusted's API: an OAuth2 client-credentials token (cached until it nearly expires, renewed once
/// when eTrusted refuses it), then an event of the shop's event type that invites the buyer to review. Every call ends
/// in a classified <see cref="TrustedShopsResult"/> rather than an exception; only the caller's own
/// cancellation propagates. Nothing here logs, and no result carries a secret or the buyer's address.
/// </summary>
public sealed class ETrustedClient
{
    public const string TokenPath = "oauth/token";
    public const string EventsPath = "events";

    private const string Provider = "eTrusted";

    private readonly HttpClient _http;
    private readonly TrustedShopsOptions _options;
    private readonly ETrustedTokens _tokens;

    public ETrustedClient(HttpClient http, IOptions<TrustedShopsOptions> options, ETrustedTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options.Value;
        _tokens = tokens;
    }

    /// <summary>Sends <paramref name="checkout"/> to the shop's channel as an event of its type; accepted answers carry eTrusted's EventRef.</summary>
    public async Task<TrustedShopsResult> SendCheckoutAsync(ETrustedCredentials credentials, CheckoutEvent checkout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(checkout);
        if (string.IsNullOrWhiteSpace(credentials.ClientId) || string.IsNullOrWhiteSpace(credentials.ClientSecret) || string.IsNullOrWhiteSpace(credentials.ChannelId))
        {
            return TrustedShopsResult.Permanent("the shop has no eTrusted client id, client secret and channel id");
        }

        for (var attempt = 1; ; attempt++)
        {
            var (token, failure) = await TokenAsync(credentials, cancellationToken);
            if (failure is not null)
            {
                return failure;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, TrustedShopsOptions.Endpoint(_options.ApiAddress, EventsPath));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Content = ETrustedWire.EventContent(checkout, credentials.ChannelId);
            var answer = await ProviderExchange.SendAsync(_http, request, Provider, _options.Timeout, _options.MaxResponseBytes, cancellationToken);
            if (answer.Failure is { } unreachable)
            {
                return TrustedShopsResult.Retryable(unreachable);
            }

            if (answer.Status == 401)
            {
                // A token can be revoked before it expires: renew it once; a second refusal is the account's.
                _tokens.Forget(credentials, token!);
                if (attempt == 1)
                {
                    continue;
                }

                return TrustedShopsResult.Permanent("eTrusted refused a fresh token (401): the API client may not send events", 401);
            }

            return answer.Status is >= 200 and < 300
                ? new TrustedShopsResult(TrustedShopsOutcome.Accepted, answer.Status, ETrustedWire.EventRef(answer.Body), "event accepted")
                : TrustedShopsResult.Failed(answer.Status, ETrustedWire.Describe(answer.Status, answer.Body));
        }
    }

    /// <summary>Whether eTrusted gives the shop's API client a token: accepted, or why not.</summary>
    public async Task<TrustedShopsResult> CheckClientAsync(ETrustedCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var (_, failure) = await TokenAsync(credentials, cancellationToken);
        return failure ?? new TrustedShopsResult(TrustedShopsOutcome.Accepted, 200, null, "token issued");
    }

    private async Task<(string? Token, TrustedShopsResult? Failure)> TokenAsync(ETrustedCredentials credentials, CancellationToken cancellationToken)
    {
        if (_tokens.Find(credentials) is { } cached)
        {
            return (cached, null);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, TrustedShopsOptions.Endpoint(_options.LoginAddress, TokenPath));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = credentials.ClientId,
            ["client_secret"] = credentials.ClientSecret,
            ["audience"] = _options.Audience,
        });
        var answer = await ProviderExchange.SendAsync(_http, request, Provider, _options.Timeout, _options.MaxResponseBytes, cancellationToken);
        if (answer.Failure is { } unreachable)
        {
            return (null, TrustedShopsResult.Retryable($"no token: {unreachable}"));
        }

        if (answer.Status is 200 && ETrustedWire.Token(answer.Body) is var (token, lifetime))
        {
            _tokens.Keep(credentials, token, lifetime);
            return (token, null);
        }

        var meaning = answer.Status is 200 ? $"no token: eTrusted's token answer was {ETrustedWire.Shape(answer.Body, "JSON without access_token and expires_in")}"
            : answer.Status is 400 or 401 or 403 ? $"eTrusted refused the client id and secret ({answer.Status}{(ETrustedWire.OAuthError(answer.Body) is { } code ? $" {code}" : string.Empty)})"
            : $"no token: eTrusted's login answered {answer.Status}";
        return (null, answer.Status is 200 ? TrustedShopsResult.Retryable(meaning, 200) : TrustedShopsResult.Failed(answer.Status, meaning));
    }
}
