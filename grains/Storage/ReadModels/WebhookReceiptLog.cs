using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansShop.Storage.Batching;

namespace OrleansShop.Storage;

/// <summary>
/// The <c>webhook_receipts</c> table: each shop's delivery log. Writing never holds up the answer to
/// a delivery: receipts are queued and written in batches, one statement each;
/// a receipt that cannot be written is logged and dropped, as it is metadata only.
/// </summary>
public sealed partial class WebhookReceiptLog : IAsyncDisposable
{
    private const string Columns = "id, shop_id, profile, event_id, received_at, status, outcome, reason, size, latency_ms";

    private readonly ShopDatabase _database;
    private readonly string _serviceId;
    private readonly ILogger<WebhookReceiptLog> _logger;
    private readonly BatchQueue<PendingReceipt> _batches;

    public WebhookReceiptLog(ShopDatabase database, IOptions<ClusterOptions> cluster, ILogger<WebhookReceiptLog> logger)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        _database = database;
        _serviceId = cluster.Value.ServiceId;
        _logger = logger;
        _batches = new BatchQueue<PendingReceipt>(WriteBatchAsync, maxBatch: 256, loops: 1);
    }

    /// <summary>Queues the receipt (its <see cref="WebhookReceipt.Id"/> is ignored); returns at once.</summary>
    public void Record(WebhookReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var pending = new PendingReceipt(receipt);
        _batches.Enqueue(pending);
        pending.Written.Task.ContinueWith(
            task => LogNotWritten(_logger, receipt.ShopId, task.Exception?.GetBaseException().Message ?? "unknown"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <summary>Waits until every receipt queued so far is written (for tests and an orderly stop).</summary>
    public Task FlushAsync()
    {
        var marker = new PendingReceipt(null);
        _batches.Enqueue(marker);
        return marker.Written.Task;
    }

    /// <summary>A shop's receipts, newest first, before <paramref name="beforeId"/>, optionally only those of one outcome.</summary>
    public async Task<IReadOnlyList<WebhookReceipt>> ListAsync(string shopId, string? outcome, long? beforeId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"""
            SELECT {Columns} FROM webhook_receipts
            WHERE service_id = @service AND shop_id = @shop {(outcome is null ? string.Empty : "AND outcome = @outcome")} {(beforeId is null ? string.Empty : "AND id < @before")}
            ORDER BY id DESC LIMIT @limit
            """)
            .With("service", _serviceId).With("shop", shopId).With("limit", limit);
        if (outcome is not null)
        {
            command.With("outcome", outcome);
        }

        if (beforeId is { } before)
        {
            command.With("before", before);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var receipts = new List<WebhookReceipt>();
        while (await reader.ReadAsync(cancellationToken))
        {
            receipts.Add(Read(reader));
        }

        return receipts;
    }

    /// <summary>Deletes the receipts received before <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM webhook_receipts WHERE service_id = @service AND received_at < @cutoff")
            .With("service", _serviceId).With("cutoff", cutoff.ToUnixMs());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _batches.DisposeAsync();

    private async Task WriteBatchAsync(IReadOnlyList<PendingReceipt> batch)
    {
        var receipts = batch.Where(p => p.Receipt is not null).Select(p => p.Receipt!).ToList();
        if (receipts.Count > 0)
        {
            // One multi-row INSERT per batch: one round trip, whatever the batch's size, on both databases.
            await using var connection = await _database.OpenAsync(CancellationToken.None);
            await using var insert = connection.Command(
                "INSERT INTO webhook_receipts (service_id, shop_id, profile, event_id, received_at, status, outcome, reason, size, latency_ms) VALUES "
                + string.Join(", ", receipts.Select((_, i) => $"(@service, @shop{i}, @profile{i}, @event{i}, @received{i}, @status{i}, @outcome{i}, @reason{i}, @size{i}, @latency{i})")))
                .With("service", _serviceId);
            for (var i = 0; i < receipts.Count; i++)
            {
                var receipt = receipts[i];
                insert.With($"shop{i}", receipt.ShopId).With($"profile{i}", receipt.Profile).With($"event{i}", receipt.EventId)
                    .With($"received{i}", receipt.ReceivedAt.ToUnixMs()).With($"status{i}", receipt.Status).With($"outcome{i}", receipt.Outcome)
                    .With($"reason{i}", receipt.Reason).With($"size{i}", receipt.Size).With($"latency{i}", receipt.LatencyMs);
            }

            await insert.ExecuteNonQueryAsync(CancellationToken.None);
        }

        foreach (var pending in batch)
        {
            pending.Written.TrySetResult();
        }
    }

    private static WebhookReceipt Read(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetNullableString(3), DbCommandExtensions.FromUnixMs(reader.GetInt64(4)),
        reader.GetInt32(5), reader.GetString(6), reader.GetNullableString(7), reader.GetInt64(8), reader.GetDouble(9));

    [LoggerMessage(1, LogLevel.Warning, "A delivery receipt of shop {ShopId} could not be written: {Reason}")]
    private static partial void LogNotWritten(ILogger logger, string shopId, string reason);

    private sealed class PendingReceipt(WebhookReceipt? receipt) : IBatchItem
    {
        public WebhookReceipt? Receipt { get; } = receipt;

        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private static long _sequence;

        public string Key { get; } = Interlocked.Increment(ref _sequence).ToString(System.Globalization.CultureInfo.InvariantCulture); // receipts never conflict: any may share a batch

        public void Fail(Exception exception) => Written.TrySetException(exception);
    }
}
