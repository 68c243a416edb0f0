using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansShop.Effects;
using OrleansShop.Grains.Shops;
using OrleansShop.Grains.Sms;
using OrleansShop.Silo.Providers.Netgsm;

namespace OrleansShop.Silo.Providers.Netgsm;

/// <summary>
/// Netgsm with a shop's own account (its <c>smsGateway</c> credentials: <c>userCode</c>,
/// <c>password</c>, <c>msgHeader</c>). Netgsm takes no idempotency key, so a send whose answer was
/// lost to a timeout is sent again: SMS is at-least-once there, and exactly once otherwise.
/// </summary>
internal sealed class NetgsmSmsGateway(IGrainFactory grains, NetgsmClient client, IOptions<NetgsmOptions> options) : ISmsGateway
{
    public async Task<DeliveryOutcome> SendAsync(SmsSendPayload message, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (await AccountAsync(message.ShopId) is not { } account)
        {
            return DeliveryOutcome.Permanent($"Shop '{message.ShopId}' has no Netgsm account: set smsGateway.userCode, password and msgHeader.");
        }

        if (PhoneNumbers.ToNetgsmNational(message.To) is not { } number)
        {
            return DeliveryOutcome.Permanent("Netgsm sends to Turkish mobile numbers only.");
        }

        var result = await client.SendAsync(account.Credentials, account.Header, [new NetgsmMessage(message.Text, number)], cancellationToken);
        return result.Outcome switch
        {
            NetgsmOutcome.Accepted => DeliveryOutcome.Delivered(JsonSerializer.Serialize(new { provider = "netgsm", jobId = result.JobId }, GrainJson.Options)),
            NetgsmOutcome.Retryable => DeliveryOutcome.Retry(Describe(result.Code, result.Meaning)),
            _ => DeliveryOutcome.Permanent(Describe(result.Code, result.Meaning)),
        };
    }

    public async Task<NetgsmInboxResult?> ReadInboxAsync(string shopId, DateTimeOffset start, DateTimeOffset stop, CancellationToken cancellationToken) =>
        await AccountAsync(shopId) is { } account ? await client.ReadInboxAsync(account.Credentials, start, stop, cancellationToken) : null;

    private async Task<NetgsmAccount?> AccountAsync(string shopId)
    {
        if (await grains.GetGrain<IShopGrain>(shopId).GetAsync() is not { } shop || !shop.Settings.Credentials.TryGetValue(SmsGatewayCredentials.Section, out var section))
        {
            return null;
        }

        var gateway = section.Deserialize<SmsGatewayCredentials>(GrainJson.Options);
        if (gateway is not { UserCode.Length: > 0, Password.Length: > 0, MsgHeader.Length: > 0 })
        {
            return null;
        }

        return new NetgsmAccount(new NetgsmCredentials(options.Value.BaseAddress, gateway.UserCode, gateway.Password), gateway.MsgHeader);
    }

    private static string Describe(string? code, string meaning) => code is null ? meaning : $"Netgsm {code}: {meaning}";

    private sealed record NetgsmAccount(NetgsmCredentials Credentials, string Header);
}

/// <summary>A shop's <c>smsGateway</c> section, as docs/http-api.md names it.</summary>
internal sealed record SmsGatewayCredentials(string? UserCode, string? Password, string? MsgHeader)
{
    public const string Section = "smsGateway";
}
