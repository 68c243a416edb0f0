using Microsoft.Extensions.Options;
using OrleansShop.Connectors.UtanvetEllenor;
using OrleansShop.Effects;
using OrleansShop.Grains.Privacy;
using OrleansShop.Grains.Reputation;
using OrleansShop.Grains.Sandbox;

namespace OrleansShop.Silo.Connectors;

/// <summary>
/// The upstream reputation provider with a shop's own keys: in sandbox mode the sandbox grain
/// (which keeps signals by e-mail hash and answers lookups from them), in live mode Utánvét
/// Ellenőr's API. Both answer in the client's result types, so checkout and the signal connector
/// read one shape. The address is the buyer's as written; it goes no further than this call.
/// </summary>
internal sealed class UtanvetEllenorGateway(
    IGrainFactory grains,
    UtanvetEllenorClient client,
    IOptions<ProvidersOptions> providers,
    IOptions<UpstreamReputationOptions> options,
    EmailPseudonymizer pseudonymizer)
{
    private const string Sandbox = "the sandbox provider";

    public async Task<UtanvetEllenorRequestResult> RequestAsync(ReputationProviderKeys keys, string email, int thresholdPercent, CancellationToken cancellationToken)
    {
        var threshold = ReputationScale.ToThreshold(thresholdPercent);
        if (!providers.Value.IsSandbox)
        {
            return await client.RequestAsync(Credentials(keys), new UtanvetEllenorBuyer(email), threshold, orderId: null, cancellationToken);
        }

        var (good, bad) = await grains.GetGrain<ISandboxReputationGrain>("all").CountAsync(pseudonymizer.Pseudonymize(email).Hash);
        if (good + bad == 0)
        {
            return new(UtanvetEllenorOutcome.Accepted, 404, new(UtanvetEllenorFinding.NoSignals, 0, 0, null, false, UtanvetEllenorReasons.NoSignals), $"{Sandbox} has no signals");
        }

        var reputation = (double)(good - bad) / (good + bad);
        var blocked = reputation < threshold;
        return new(UtanvetEllenorOutcome.Accepted, 200, new(UtanvetEllenorFinding.Signals, good, bad, reputation, blocked, blocked ? UtanvetEllenorReasons.ThresholdNotMet : UtanvetEllenorReasons.Passed), $"{Sandbox} has signals");
    }

    public async Task<UtanvetEllenorSignalResult> SignalAsync(ReputationProviderKeys keys, ReputationSignalPayload signal, string email, string idempotencyKey, CancellationToken cancellationToken)
    {
        var outcome = signal.Outcome == Outcome.Collected ? UtanvetEllenorSignalOutcome.Collected : UtanvetEllenorSignalOutcome.Refused;
        if (!providers.Value.IsSandbox)
        {
            return await client.SignalAsync(Credentials(keys), new UtanvetEllenorBuyer(email), outcome, signal.OrderId, cancellationToken);
        }

        var recorded = new SandboxSignal(default, signal.ShopId, signal.OrderId, pseudonymizer.Pseudonymize(email).Hash, signal.Outcome, idempotencyKey);
        await grains.GetGrain<ISandboxReputationGrain>("all").RecordAsync(recorded);
        return new(UtanvetEllenorOutcome.Accepted, 200, $"{Sandbox} took the signal");
    }

    private UtanvetEllenorCredentials Credentials(ReputationProviderKeys keys) => new(options.Value.BaseAddress, keys.PublicKey!, keys.PrivateKey!);
}
