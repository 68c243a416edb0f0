using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansShop.Runtime.Hosting;

namespace OrleansShop.Runtime.Storage;

/// <summary>
/// Migrates the schema at start-up and keeps trying while the database is unreachable, so a silo
/// started before its database comes up serves <c>/healthz</c> and reports not ready until then.
/// </summary>
public sealed class StorageInitializer(IStorageAdmin storage, ILogger<StorageInitializer> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    /// <summary>Why the last attempt failed, while not ready.</summary>
    public string? LastError { get; private set; }

    public Task WaitUntilReadyAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await storage.MigrateAsync(stoppingToken);
                var version = await storage.GetSchemaVersionAsync(stoppingToken);
                LastError = null;
                logger.StorageReady(storage.ProviderName, version);
                _ready.TrySetResult();
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LastError = exception.Message;
                logger.StorageNotReady(storage.ProviderName, delay, exception);
                try
                {
                    await Task.Delay(delay, stoppingToken); // wall-clock: start-up must not wait on a test's fake clock
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }
}
