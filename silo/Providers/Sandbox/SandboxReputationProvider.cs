using OrleansShop.Grains.Privacy;
using OrleansShop.Grains.Reputation;
using OrleansShop.Grains.Sandbox;
using OrleansShop.Silo.Providers.UtanvetEllenor;

namespace OrleansShop.Silo.Providers.Sandbox;

/// <summary>
/// Stands in for Utánvét Ellenőr: keeps the signals by keyed e-mail hash (<c>GET /v1/sandbox/reputation/signals</c>)
/// and answers lookups from them, deterministically, in the provider's own result types.
/// </summary>
internal sealed class SandboxReputationProvider(IGrainFactory grains, EmailPseudonymizer pseudonymizer) : IReputationProvider
{
    private const string Provider = "the sandbox provider";

    private ISandboxReputationGrain Signals => grains.GetGrain<ISandboxReputationGrain>(SandboxLogs.Key);

    public async Task<UtanvetEllenorRequestResult> RequestAsync(ReputationProviderKeys keys, string email, int thresholdPercent, CancellationToken cancellationToken)
    {
        var (good, bad) = await Signals.CountAsync(pseudonymizer.Pseudonymize(email).Hash);
        if (good + bad == 0)
        {
            return new(UtanvetEllenorOutcome.Accepted, 404, new(UtanvetEllenorFinding.NoSignals, 0, 0, null, false, UtanvetEllenorReasons.NoSignals), $"{Provider} has no signals");
        }

        var reputation = (double)(good - bad) / (good + bad);
        var blocked = reputation < ReputationScale.ToThreshold(thresholdPercent);
        return new(UtanvetEllenorOutcome.Accepted, 200,
            new(UtanvetEllenorFinding.Signals, good, bad, reputation, blocked, blocked ? UtanvetEllenorReasons.ThresholdNotMet : UtanvetEllenorReasons.Passed), $"{Provider} has signals");
    }

    public async Task<UtanvetEllenorSignalResult> SignalAsync(ReputationProviderKeys keys, ReputationSignalPayload signal, string email, string idempotencyKey, CancellationToken cancellationToken)
    {
        await Signals.RecordAsync(new SandboxSignal(default, signal.ShopId, signal.OrderId, pseudonymizer.Pseudonymize(email).Hash, signal.Outcome, idempotencyKey));
        return new(UtanvetEllenorOutcome.Accepted, 200, $"{Provider} took the signal");
    }
}
