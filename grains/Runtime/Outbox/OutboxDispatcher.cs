using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansShop.Runtime.Hosting;
using OrleansShop.Runtime.Membership;
using OrleansShop.Runtime.Storage;

namespace OrleansShop.Runtime.Outbox;

/// <summary>
/// Claims due outbox rows under a lease (<c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL), delivers
/// them, and records the outcome fenced by the claim: delivered rows go, failed ones come back
/// after a backoff, and a row out of attempts becomes a dead letter. Every silo runs one.
/// </summary>
internal sealed class OutboxDispatcher(
    IOutboxStorage outbox,
    IGrainStorage grainStorage,
    DeliveryRouter router,
    DispatcherSignal signal,
    SiloIdentity silo,
    StorageInitializer storage,
    IOptions<DispatcherOptions> options,
    TimeProvider timeProvider,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly DispatcherOptions _options = options.Value;
    private DateTimeOffset _nextMaintenance;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        await storage.WaitUntilReadyAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<ClaimedDelivery> batch;
            try
            {
                await MaintainAsync(stoppingToken);
                batch = await outbox.ClaimDueAsync(silo.SiloId, _options.BatchSize, _options.Lease, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.DispatcherStorageFailed(exception);
                await Delay(_options.PollInterval, stoppingToken);
                continue;
            }

            if (batch.Count > 0)
            {
                await DeliverBatchAsync(batch, stoppingToken);
            }

            if (batch.Count < _options.BatchSize)
            {
                await WaitForWorkAsync(stoppingToken);
            }
        }
    }

    private async Task DeliverBatchAsync(IReadOnlyList<ClaimedDelivery> batch, CancellationToken stoppingToken)
    {
        using var gate = new SemaphoreSlim(_options.MaxConcurrentDeliveries);
        var unstarted = new ConcurrentBag<ClaimedDelivery>();
        await Task.WhenAll(batch.Select(async delivery =>
        {
            try
            {
                await gate.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                unstarted.Add(delivery);
                return;
            }

            try
            {
                // A started delivery finishes even when the silo is stopping: its outcome must be recorded.
                await DeliverAsync(delivery);
            }
            finally
            {
                gate.Release();
            }
        }));

        if (!unstarted.IsEmpty)
        {
            try
            {
                await outbox.ReleaseAsync(unstarted.ToArray(), CancellationToken.None);
            }
            catch (Exception exception)
            {
                logger.DispatcherStorageFailed(exception); // the lease expires and another silo takes them
            }
        }
    }

    private async Task DeliverAsync(ClaimedDelivery delivery)
    {
        DeliveryOutcome outcome;
        using (var timeout = new CancellationTokenSource(_options.DeliveryTimeout))
        {
            try
            {
                outcome = await router.DeliverAsync(delivery, timeout.Token).WaitAsync(_options.DeliveryTimeout);
            }
            catch (TimeoutException)
            {
                outcome = DeliveryOutcome.Retry($"Timed out after {_options.DeliveryTimeout}.");
            }
            catch (Exception exception)
            {
                outcome = DeliveryOutcome.Retry($"{exception.GetType().Name}: {exception.Message}");
            }
        }

        try
        {
            await RecordAsync(delivery, outcome);
        }
        catch (Exception exception)
        {
            logger.CompletionFailed(delivery.Id, exception);
        }
    }

    private Task<bool> RecordAsync(ClaimedDelivery delivery, DeliveryOutcome outcome)
    {
        var now = timeProvider.GetUtcNow();
        switch (outcome.Status)
        {
            case DeliveryStatus.Delivered:
                return outbox.CompleteAsync(delivery, NextTick(delivery, now), Reply(delivery, outcome, now), CancellationToken.None);

            case DeliveryStatus.Retry when delivery.Attempts < _options.MaxAttempts:
                logger.DeliveryFailed(delivery.Id, delivery.Kind, delivery.TargetType, delivery.Operation, delivery.Attempts, outcome.Error!);
                var retryAt = now + Backoff.Delay(delivery.Attempts, _options.BaseDelay, _options.MaxDelay, Random.Shared);
                return outbox.RetryLaterAsync(delivery, retryAt, outcome.Error!, CancellationToken.None);

            default:
                logger.DeliveryDead(delivery.Id, delivery.Kind, delivery.TargetType, delivery.Operation, delivery.Attempts, outcome.Error!);
                return outbox.DeadLetterAsync(delivery, outcome.Error!, Reply(delivery, outcome, now), CancellationToken.None);
        }
    }

    /// <summary>A repeating reminder's next tick after now; missed ticks are not replayed.</summary>
    private static DateTimeOffset? NextTick(ClaimedDelivery delivery, DateTimeOffset now)
    {
        if (delivery.Kind != OutboxKind.Reminder || delivery.Period is not { } period)
        {
            return null;
        }

        var next = delivery.DueAt + period;
        if (next <= now)
        {
            next += period * Math.Ceiling((now - next) / period);
        }

        return next <= now ? next + period : next;
    }

    /// <summary>The outcome of an external call, as a durable message to the grain that asked for it.</summary>
    private static OutboxEntry? Reply(ClaimedDelivery delivery, DeliveryOutcome outcome, DateTimeOffset now)
    {
        if (delivery.Kind != OutboxKind.Call || delivery.Reply is not { } reply)
        {
            return null;
        }

        var succeeded = outcome.Status == DeliveryStatus.Delivered;
        var result = new ExternalCallResult(delivery.IdempotencyKey, delivery.Operation, succeeded, outcome.Response, outcome.Error);
        var payload = JsonSerializer.Serialize(new[] { result }, GrainJson.Options);

        // A replayed dead letter that then succeeds replies again, under its own key.
        var key = $"{delivery.IdempotencyKey}/reply/{(succeeded ? "delivered" : "failed")}/{delivery.Attempts}";
        return new OutboxEntry(OutboxKind.Message, reply.GrainType, reply.GrainKey, reply.Method, payload, key, null, now);
    }

    private async Task MaintainAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (now < _nextMaintenance)
        {
            return;
        }

        _nextMaintenance = now + _options.MaintenanceInterval;
        await grainStorage.PurgeInboxAsync(now - _options.InboxRetention, cancellationToken);
    }

    private async Task WaitForWorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await signal.WaitAsync(_options.PollInterval, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private static async Task Delay(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }
}
