using Microsoft.Extensions.Hosting;
using OrleansShop.Runtime.Calls;

namespace OrleansShop.Runtime.Hosting;

/// <summary>On a graceful stop: refuse new turns, let running ones finish, deactivate every grain.</summary>
internal sealed class GrainRuntimeLifecycle(GrainRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);
}
