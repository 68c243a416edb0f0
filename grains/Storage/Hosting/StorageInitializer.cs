using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansShop.Storage.Migrations;

namespace OrleansShop.Storage;

/// <summary>
/// Migrates the schema at start-up and keeps trying while the database is unreachable, so a silo
/// started before its database comes up serves <c>/healthz</c> and reports not ready until then.
/// Whoever waits first starts the work, the host or <see cref="WaitUntilReadyAsync"/> (the silo's
/// start-up gate), so the order hosted services start in cannot deadlock them.
/// </summary>
public sealed class StorageInitializer(ShopDatabase database, SchemaMigrator migrator, ILogger<StorageInitializer> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private Task? _run;

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    /// <summary>Why the last attempt failed, while not ready.</summary>
    public string? LastError { get; private set; }

    public Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        _ = Run();
        return _ready.Task.WaitAsync(cancellationToken);
    }

    /// <summary>One round trip (<c>SELECT 1</c>) for readiness probes; throws while the database is unreachable.</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Run();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _stopping.Dispose();
        base.Dispose();
    }

    private Task Run()
    {
        lock (_lock)
        {
            return _run ??= Task.Run(() => MigrateUntilReadyAsync(_stopping.Token));
        }
    }

    private async Task MigrateUntilReadyAsync(CancellationToken stoppingToken)
    {
        var delay = FirstRetryDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var version = await migrator.MigrateAsync(stoppingToken);
                LastError = null;
                logger.StorageReady(database.Provider, version);
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
                logger.StorageNotReady(database.Provider, delay, exception);
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
