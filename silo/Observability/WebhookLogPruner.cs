using Microsoft.Extensions.Options;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Observability;

/// <summary>Deletes the receipts older than <see cref="WebhookLogOptions.Retention"/>, at start and every <see cref="WebhookLogOptions.PruneInterval"/> (every silo does; a delete is harmless twice).</summary>
internal sealed partial class WebhookLogPruner(WebhookReceiptLog log, IOptions<WebhookLogOptions> options, TimeProvider time, ILogger<WebhookLogPruner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PruneInterval);
        do
        {
            try
            {
                var pruned = await log.PruneAsync(time.GetUtcNow() - options.Value.Retention, stoppingToken);
                if (pruned > 0)
                {
                    LogPruned(logger, pruned);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPruneFailed(logger, exception.Message); // tried again at the next tick
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(1, LogLevel.Information, "Deleted {Count} delivery receipts past their retention")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(2, LogLevel.Debug, "Pruning the delivery log failed: {Reason}")]
    private static partial void LogPruneFailed(ILogger logger, string reason);
}
