using Microsoft.Extensions.Options;

namespace OrleansShop.Silo.Hosting;

/// <summary>
/// The first thing a stopping silo does: fail readiness and keep serving for
/// <see cref="MembershipOptions.LeaveDelay"/>, so gateways route elsewhere before Orleans
/// deactivates this silo's grains and leaves the cluster. Registered after the Orleans silo, so
/// it stops before it.
/// </summary>
internal sealed class SiloLeave(SiloIdentity silo, IOptions<MembershipOptions> options, TimeProvider timeProvider) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        silo.IsLeaving = true;
        try
        {
            await Task.Delay(options.Value.LeaveDelay, timeProvider, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // a stop that cannot wait does not wait
        }
    }
}
