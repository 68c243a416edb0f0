using System.Globalization;
using Microsoft.Extensions.Options;
using OrleansShop.Silo.Providers.Http;

namespace OrleansShop.Silo.Providers.TrustedShops;

/// <summary>
/// Registers an Excellence order's buyer protection with Trusted Shops' protection web service.
/// Every call ends in a classified <see cref="TrustedShopsResult"/> (an accepted one carries the
/// application number as its reference); nothing here logs, and no result carries the password or
/// the buyer's address.
/// </summary>
public sealed class ProtectionClient(HttpClient http, IOptions<TrustedShopsOptions> options)
{
    private const string Provider = "Trusted Shops protection";

    private readonly TrustedShopsOptions _options = options.Value;

    public async Task<TrustedShopsResult> RegisterAsync(ProtectionCredentials credentials, ProtectionApplication application, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(application);
        if (string.IsNullOrWhiteSpace(credentials.User) || string.IsNullOrWhiteSpace(credentials.Password))
        {
            return TrustedShopsResult.Permanent("the shop has no Trusted Shops protection user and password");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _options.ProtectionAddress) { Content = ProtectionWire.RequestContent(credentials, application) };
        var answer = await ProviderExchange.SendAsync(http, request, Provider, _options.Timeout, _options.MaxResponseBytes, cancellationToken);
        if (answer.Failure is { } unreachable)
        {
            return TrustedShopsResult.Retryable(unreachable);
        }

        var number = ProtectionWire.ReturnValue(answer.Body);
        return (answer.Status, number) switch
        {
            (200, > 0) => new TrustedShopsResult(TrustedShopsOutcome.Accepted, 200, number.Value.ToString(CultureInfo.InvariantCulture), "protection registered"),
            (200, { } code) => TrustedShopsResult.Permanent($"Trusted Shops refused the protection with error code {code}", 200),
            (200, null) => TrustedShopsResult.Retryable("the protection service's answer held no return value", 200),
            _ => TrustedShopsResult.Failed(answer.Status, $"the protection service answered {answer.Status}"),
        };
    }
}
