using OrleansShop.Effects;
using OrleansShop.Grains.Sms;

namespace OrleansShop.Grains.Sandbox;

/// <summary>
/// The SANDBOX SMS gateway of the embedded default: it sends nothing, and keeps what would have
/// been sent (the latest 500) in the cluster database so every silo shows the same list. Key: <c>all</c>.
/// </summary>
public interface ISandboxSmsGrain : IGrainWithStringKey
{
    /// <summary>Records a message once per idempotency key; answers its sandbox message id.</summary>
    Task<string> RecordAsync(SmsSendPayload message, string idempotencyKey);

    Task<IReadOnlyList<SandboxSms>> ListAsync();
}

public sealed record SandboxSms(string MessageId, DateTimeOffset At, string ShopId, string OrderId, string To, string Text, string Purpose, string Encoding, int Parts, string IdempotencyKey);
