using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansShop.Runtime.Calls;
using OrleansShop.Runtime.Hosting;

namespace OrleansShop.Runtime.Activation;

/// <summary>Every collection quantum, deactivates activations idle for longer than the collection age.</summary>
internal sealed class ActivationCollector(GrainRuntime runtime, IOptions<GrainRuntimeOptions> options, TimeProvider timeProvider) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CollectionQuantum, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await runtime.CollectIdleActivationsAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
