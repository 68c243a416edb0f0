using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OrleansShop.Effects;
using OrleansShop.Grains.Cluster;
using OrleansShop.Grains.Shops;
using OrleansShop.Grains.Sms;
using OrleansShop.Silo.Endpoints.Sms;
using OrleansShop.Silo.Hosting;
using OrleansShop.Silo.Providers.Netgsm;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Providers.Netgsm;

/// <summary>
/// Registered in live mode only: reads each shop's Netgsm inbox over overlapping windows and feeds every reply
/// through the same path as <c>POST /v1/sms/inbound</c>. One silo of the cluster polls at a time:
/// it holds a lease (<see cref="ILeaseGrain"/>) and renews it each round.
/// </summary>
internal sealed partial class NetgsmInboxPoller(
    IGrainIndexReader index,
    IGrainFactory grains,
    NetgsmSmsGateway gateway,
    InboundSmsPath inbound,
    SiloIdentity silo,
    IHostApplicationLifetime lifetime,
    IOptions<SmsPollingOptions> options,
    TimeProvider timeProvider,
    ILogger<NetgsmInboxPoller> logger) : BackgroundService
{
    public const string LeaseName = "netgsm-inbox";

    private ILeaseGrain Lease => grains.GetGrain<ILeaseGrain>(LeaseName);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        try
        {
            await lifetime.WaitUntilStartedAsync(stoppingToken);
            using var timer = new PeriodicTimer(interval, timeProvider);
            do
            {
                try
                {
                    if (await Lease.TryAcquireAsync(silo.SiloId, interval * 3))
                    {
                        await PollAllAsync(stoppingToken);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogPollFailed(logger, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
        finally
        {
            await ReleaseAsync();
        }
    }

    private async Task PollAllAsync(CancellationToken cancellationToken)
    {
        var shops = await index.QueryAsync(new IndexQuery(ShopIndex.Name, ShopIndex.Partition, Limit: 10_000) { Tag = ShopIndex.SmsGatewayTag }, cancellationToken);
        foreach (var shop in shops)
        {
            await PollAsync(shop.GrainKey, cancellationToken);
        }
    }

    private async Task PollAsync(string shopId, CancellationToken cancellationToken)
    {
        var cursor = grains.GetGrain<ISmsInboxCursorGrain>(shopId);
        var stop = timeProvider.GetUtcNow();
        var start = (await cursor.GetAsync() ?? stop - options.Value.FirstLookback) - options.Value.Overlap;
        var inbox = await gateway.ReadInboxAsync(shopId, start, stop, cancellationToken);
        if (inbox is not { Outcome: NetgsmOutcome.Accepted })
        {
            LogReadFailed(logger, shopId, inbox?.Meaning ?? "the shop has no Netgsm account");
            return; // the cursor stays: the next round reads this window again
        }

        foreach (var message in inbox.Messages)
        {
            // Netgsm gives inbox messages no id: the same reply read twice has the same sender, time and text.
            var id = "netgsm/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{shopId}|{message.Sender}|{message.ReceivedAt:O}|{message.Text}")));
            await inbound.HandleAsync(message.Sender, message.Receiver, message.Text, id, message.ReceivedAt);
        }

        await cursor.AdvanceAsync(stop);
    }

    private async Task ReleaseAsync()
    {
        try
        {
            await Lease.ReleaseAsync(silo.SiloId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPollFailed(logger, exception); // the lease runs out by itself
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Polling the Netgsm inboxes failed")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "Reading shop {ShopId}'s Netgsm inbox failed: {Reason}")]
    private static partial void LogReadFailed(ILogger logger, string shopId, string reason);
}
