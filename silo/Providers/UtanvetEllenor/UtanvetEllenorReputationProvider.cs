using Microsoft.Extensions.Options;
using OrleansShop.Grains.Reputation;

namespace OrleansShop.Silo.Providers.UtanvetEllenor;

/// <summary>Utánvét Ellenőr's API with a shop's own keys (its <c>reputationProvider</c> section).</summary>
internal sealed class UtanvetEllenorReputationProvider(UtanvetEllenorClient client, IOptions<UtanvetEllenorOptions> options) : IReputationProvider
{
    public Task<UtanvetEllenorRequestResult> RequestAsync(ReputationProviderKeys keys, string email, int thresholdPercent, CancellationToken cancellationToken) =>
        client.RequestAsync(Credentials(keys), new UtanvetEllenorBuyer(email), ReputationScale.ToThreshold(thresholdPercent), orderId: null, cancellationToken);

    public Task<UtanvetEllenorSignalResult> SignalAsync(ReputationProviderKeys keys, ReputationSignalPayload signal, string email, string idempotencyKey, CancellationToken cancellationToken)
    {
        var outcome = signal.Outcome == Outcome.Collected ? UtanvetEllenorSignalOutcome.Collected : UtanvetEllenorSignalOutcome.Refused;
        return client.SignalAsync(Credentials(keys), new UtanvetEllenorBuyer(email), outcome, signal.OrderId, cancellationToken);
    }

    private UtanvetEllenorCredentials Credentials(ReputationProviderKeys keys) => new(options.Value.BaseAddress, keys.PublicKey!, keys.PrivateKey!);
}
