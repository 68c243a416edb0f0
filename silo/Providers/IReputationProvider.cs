using OrleansShop.Grains.Reputation;
using OrleansShop.Silo.Providers.UtanvetEllenor;

namespace OrleansShop.Silo.Providers;

/// <summary>
/// The upstream reputation network a shop with its own keys also asks and tells:
/// <see cref="Sandbox.SandboxReputationProvider"/> or Utánvét Ellenőr, chosen once at start-up from
/// <c>Providers:Mode</c>. Both answer in Utánvét Ellenőr's result types, so checkout and the signal
/// connector read one shape. The address is the buyer's as written; it goes no further than the call.
/// </summary>
internal interface IReputationProvider
{
    /// <summary>What the network knows of <paramref name="email"/>, judged against <paramref name="thresholdPercent"/>.</summary>
    Task<UtanvetEllenorRequestResult> RequestAsync(ReputationProviderKeys keys, string email, int thresholdPercent, CancellationToken cancellationToken);

    /// <summary>Tells the network how the order ended; the network keeps one outcome per order.</summary>
    Task<UtanvetEllenorSignalResult> SignalAsync(ReputationProviderKeys keys, ReputationSignalPayload signal, string email, string idempotencyKey, CancellationToken cancellationToken);
}
