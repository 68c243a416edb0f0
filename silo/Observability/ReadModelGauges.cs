using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OrleansShop.Grains.Sms;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Observability;

/// <summary>
/// The figures the gauges report, read from the read models every <see cref="MetricsOptions.RefreshInterval"/>
/// (a scrape never queries the database): deliveries by target and state, and orders awaiting an SMS reply.
/// </summary>
internal sealed partial class ReadModelGauges(ReadModelCounts counts, IOptions<MetricsOptions> options, ILogger<ReadModelGauges> logger) : BackgroundService
{
    private volatile IReadOnlyList<DeliveryCount> _deliveries = [];
    private long _awaiting;

    public long AwaitingReplies => Interlocked.Read(ref _awaiting);

    public IEnumerable<Measurement<long>> Deliveries(string state) =>
        _deliveries.Where(d => d.State == state).Select(d => new Measurement<long>(d.Count, new KeyValuePair<string, object?>("target", d.TargetType)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRefreshFailed(logger, exception.Message); // the last figures stay until the database answers
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var deliveries = await counts.DeliveriesAsync(cancellationToken);
        var awaiting = await counts.IndexEntriesAsync(SmsNames.AwaitingIndex, cancellationToken);
        _deliveries = deliveries;
        Interlocked.Exchange(ref _awaiting, awaiting);
    }

    [LoggerMessage(1, LogLevel.Debug, "The metrics' read-model figures could not be refreshed: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
