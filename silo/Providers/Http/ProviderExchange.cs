using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace OrleansShop.Silo.Providers.Http;

/// <summary>
/// One round trip to a provider under a time limit, ending in the answer's status and body or in why
/// there was none. Every way there can be none (timeout, refused or broken connection, an answer
/// too large to read) is worth retrying; only the caller's own cancellation propagates. Only an
/// exception's kind is passed on: its message is not ours to vouch for.
/// </summary>
internal static class ProviderExchange
{
    /// <summary>The answer of one round trip: its HTTP status and body, or <see cref="Failure"/> when there was none to read.</summary>
    public sealed record Answer(int Status, byte[] Body, string? Failure)
    {
        public static Answer Failed(string failure) => new(0, [], failure);
    }

    /// <summary>HTTP Basic credentials, as UTF-8 so a password with a colon or a non-ASCII letter arrives whole.</summary>
    public static AuthenticationHeaderValue BasicAuthorization(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    /// <param name="provider">The provider's name for failure meanings, e.g. "Netgsm".</param>
    public static async Task<Answer> SendAsync(HttpClient http, HttpRequestMessage request, string provider, TimeSpan timeout, int maxResponseBytes, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            var body = await ResponseBody.ReadAsync(response.Content, maxResponseBytes, limit.Token);
            return body is null
                ? Answer.Failed($"unreadable answer: larger than {maxResponseBytes} bytes")
                : new Answer((int)response.StatusCode, body, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Answer.Failed(string.Create(CultureInfo.InvariantCulture, $"{provider} did not answer within {timeout.TotalSeconds:0.###} s"));
        }
        catch (HttpRequestException exception)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var cause = exception.HttpRequestError == HttpRequestError.Unknown ? "unknown" : exception.HttpRequestError.ToString();
            return Answer.Failed($"could not reach {provider} or the connection broke ({cause})");
        }
        catch (IOException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Answer.Failed($"the connection to {provider} broke while reading its answer");
        }
    }
}
