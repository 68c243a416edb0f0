namespace OrleansShop.Grains.Sandbox;

/// <summary>
/// The SANDBOX mailbox of the embedded default: it sends nothing, and keeps what would have been
/// sent (the latest 500) in the cluster database so every silo shows the same list. It keeps the
/// recipient's keyed hash, never the address. Key: <c>all</c>.
/// </summary>
public interface ISandboxMailGrain : IGrainWithStringKey
{
    /// <summary>Records a message once per idempotency key; answers its sandbox message id.</summary>
    Task<string> RecordAsync(SandboxMailMessage message, string idempotencyKey);

    Task<IReadOnlyList<SandboxMail>> ListAsync();
}

/// <param name="ToHash">The recipient's keyed e-mail hash.</param>
public sealed record SandboxMailMessage(string ShopId, string OrderId, string ToHash, string From, string? ReplyTo, string Subject, string Body, string Purpose);

public sealed record SandboxMail(string MessageId, DateTimeOffset At, string ShopId, string OrderId, string ToHash, string From, string? ReplyTo, string Subject, string Body, string Purpose, string IdempotencyKey);
