using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OrleansShop.Connectors.Netgsm;
using OrleansShop.Grains.Shops;
using OrleansShop.Grains.Sms;
using OrleansShop.Runtime;
using OrleansShop.Runtime.Membership;
using OrleansShop.Runtime.Storage;
using OrleansShop.Silo.Endpoints.Sms;

namespace OrleansShop.Silo.Connectors;

/// <summary>
/// In live mode, reads each shop's Netgsm inbox over overlapping windows and feeds every reply
/// through the same path as <c>POST /v1/sms/inbound</c>. One silo of the cluster polls at a time:
/// it holds a lease in the database and renews it each round.
/// </summary>
internal sealed partial class NetgsmInboxPoller(
    ILeaseStorage leases,
    IGrainIndexReader index,
    IGrainFactory grains,
    NetgsmGateway gateway,
    InboundSmsPath inbound,
    SiloIdentity silo,
    StorageInitializer storage,
    IOptions<ProvidersOptions> providers,
    IOptions<SmsPollingOptions> options,
    TimeProvider timeProvider,
    ILogger<NetgsmInboxPoller> logger) : BackgroundService
{
    public const string LeaseName = "netgsm-inbox";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (providers.Value.IsSandbox)
        {
            return;
        }

        var interval = options.Value.Interval;
        try
        {
            await storage.WaitUntilReadyAsync(stoppingToken);
            using var timer = new PeriodicTimer(interval, timeProvider);
            do
            {
                try
                {
                    if (await leases.TryAcquireAsync(LeaseName, silo.SiloId, interval * 3, stoppingToken))
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
        var shops = await index.QueryAsync(ShopIndex.Name, ShopIndex.Partition, ShopIndex.SmsGatewayTag, before: null, limit: 10_000, cancellationToken);
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
            await leases.ReleaseAsync(LeaseName, silo.SiloId, CancellationToken.None);
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
