using Microsoft.Extensions.Options;
using OrleansShop.Silo.Providers.Http;

namespace OrleansShop.Silo.Providers.Netgsm;

/// <summary>
/// Netgsm's REST v2 SMS API: send, and read the inbox of replies. Whatever the network or Netgsm
/// does, a call ends in a classified result (<see cref="NetgsmOutcome"/>) rather than an exception;
/// only the caller's own cancellation propagates. Nothing here logs, and no result carries a phone
/// number, a message text, a password or any of Netgsm's answer body (an error page may echo the request).
/// </summary>
public sealed class NetgsmClient(HttpClient http, IOptions<NetgsmOptions> options)
{
    public const string SendPath = "sms/rest/v2/send";
    public const string InboxPath = "sms/rest/v2/inbox";

    private readonly NetgsmOptions _options = options.Value;

    /// <summary>
    /// One job of one or more SMS from <paramref name="messageHeader"/>, Netgsm's approved sender id.
    /// Netgsm's API takes no idempotency key: a send that times out after Netgsm took it will be sent
    /// again if retried.
    /// </summary>
    public async Task<NetgsmSendResult> SendAsync(NetgsmCredentials credentials, string messageHeader, IReadOnlyList<NetgsmMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(messageHeader);
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            throw new ArgumentException("A send needs at least one message.", nameof(messages));
        }

        if ((InvalidBaseAddress(credentials) ?? NetgsmWire.Invalid(messageHeader, messages)) is { } invalid)
        {
            return NetgsmSendResult.Failed(invalid);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(credentials, SendPath));
        request.Content = NetgsmWire.SendContent(messageHeader, messages);
        var (answer, failure) = await ExchangeAsync(credentials, request, cancellationToken);
        if (failure is not null)
        {
            return NetgsmSendResult.Failed(failure);
        }

        using var json = answer!.Json;
        return answer.Code == NetgsmCodes.Success
            ? new(NetgsmOutcome.Accepted, answer.Code, JsonText.Of(json.RootElement, "jobid"), "accepted for delivery")
            : NetgsmSendResult.Failed(NetgsmCodes.SendFailure(answer.Code));
    }

    /// <summary>
    /// The SMS received from <paramref name="start"/> to <paramref name="stop"/>. Always asked with a
    /// range: without one Netgsm lists each message only once, so a poller that crashed mid-read would
    /// lose replies; with one, overlapping windows are safe and the caller deduplicates.
    /// </summary>
    public async Task<NetgsmInboxResult> ReadInboxAsync(NetgsmCredentials credentials, DateTimeOffset start, DateTimeOffset stop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, stop);
        if (InvalidBaseAddress(credentials) is { } invalid)
        {
            return NetgsmInboxResult.Failed(invalid);
        }

        var query = $"?startdate={NetgsmTime.ForQuery(start)}&stopdate={NetgsmTime.ForQuery(stop)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Endpoint(credentials, InboxPath) + query));
        var (answer, failure) = await ExchangeAsync(credentials, request, cancellationToken);
        if (failure is not null)
        {
            return NetgsmInboxResult.Failed(failure);
        }

        using var json = answer!.Json;
        return answer.Code switch
        {
            NetgsmCodes.Success => NetgsmInbox.Read(json.RootElement) is { } messages
                ? new(NetgsmOutcome.Accepted, answer.Code, messages, $"{messages.Count} messages")
                : NetgsmInboxResult.Failed(NetgsmFailure.Retryable("unreadable answer: a message lacks a field or has a time in an unknown format", answer.Code)),
            NetgsmCodes.NoMessages => new(NetgsmOutcome.Accepted, answer.Code, [], "no messages in the range"),
            _ => NetgsmInboxResult.Failed(NetgsmCodes.InboxFailure(answer.Code)),
        };
    }

    private static Uri Endpoint(NetgsmCredentials credentials, string path) =>
        new($"{credentials.BaseAddress.AbsoluteUri.TrimEnd('/')}/{path}");

    // A shop's configuration error: permanent, so it reaches dead letters rather than being retried.
    private static NetgsmFailure? InvalidBaseAddress(NetgsmCredentials credentials) =>
        credentials.BaseAddress is { IsAbsoluteUri: true, Scheme: "https" or "http", Query: "" }
            ? null
            : NetgsmFailure.Permanent("the Netgsm base address is not an absolute http(s) address without a query");

    /// <summary>One round trip under <see cref="NetgsmOptions.Timeout"/>: an answer with a JSON <c>code</c>, or a classified failure.</summary>
    private async Task<(NetgsmAnswer? Answer, NetgsmFailure? Failure)> ExchangeAsync(NetgsmCredentials credentials, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = ProviderExchange.BasicAuthorization(credentials.UserCode, credentials.Password);
        var answer = await ProviderExchange.SendAsync(http, request, "Netgsm", _options.Timeout, _options.MaxResponseBytes, cancellationToken);
        return answer.Failure is { } failure
            ? (null, NetgsmFailure.Retryable(failure))
            : NetgsmAnswer.Classify(answer.Status, answer.Body);
    }
}
