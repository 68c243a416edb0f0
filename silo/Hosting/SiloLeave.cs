using Microsoft.Extensions.Options;

namespace OrleansShop.Silo.Hosting;

/// <summary>
/// The first thing a stopping silo does, before any service stops: fail readiness and keep serving
/// for <see cref="MembershipOptions.LeaveDelay"/>, so gateways route elsewhere before the web server
/// closes and Orleans deactivates this silo's grains and leaves the cluster. Skipped when no other
/// silo is active to take the requests.
/// </summary>
internal sealed class SiloLeave(SiloIdentity silo, IClusterMembershipService membership, IOptions<MembershipOptions> options, TimeProvider timeProvider) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        silo.IsLeaving = true;
        if (!membership.CurrentSnapshot.Members.Values.Any(m => m.Status == SiloStatus.Active && m.SiloAddress.ToParsableString() != silo.SiloId))
        {
            return;
        }

        try
        {
            await Task.Delay(options.Value.LeaveDelay, timeProvider, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // a stop that cannot wait does not wait
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
