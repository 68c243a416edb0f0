namespace OrleansShop.Runtime.Storage;

/// <summary>A grain's stored row: its version and its serialized state.</summary>
public sealed record StoredState(long Version, string Payload);

public enum OutboxKind
{
    /// <summary>A durable message to a grain method.</summary>
    Message,

    /// <summary>A call to an external system through a connector.</summary>
    Call,

    /// <summary>A durable reminder tick.</summary>
    Reminder,
}

/// <summary>An outbox row as a turn stages it.</summary>
public sealed record OutboxEntry(
    OutboxKind Kind,
    string TargetType,
    string TargetKey,
    string Operation,
    string Payload,
    string IdempotencyKey,
    ReplyTo? Reply,
    DateTimeOffset DueAt);

/// <summary>A reminder set (with a due time) or removed (without one) by a turn.</summary>
public sealed record ReminderChange(string Name, DateTimeOffset? DueAt, TimeSpan? Period);

/// <summary>The inbox row that makes a turn happen at most once per key.</summary>
public sealed record InboxWrite(string Key, string Result);

/// <summary>Everything one turn commits, in one transaction.</summary>
public sealed record TurnCommit(
    GrainId Grain,
    long ExpectedVersion,
    string Payload,
    InboxWrite? Inbox,
    IReadOnlyList<OutboxEntry> Outbox,
    IReadOnlyList<ReminderChange> Reminders)
{
    public IReadOnlyList<IndexWrite> Index { get; init; } = [];
}

/// <summary>A grain's projection row in one index partition; a null <see cref="SortKey"/> removes it.</summary>
public sealed record IndexWrite(string Index, string Partition, string? SortKey, string? Tag, string? Summary);

/// <summary>An outbox row claimed by one dispatcher under a lease; every later change is fenced by <see cref="ClaimToken"/>.</summary>
public sealed record ClaimedDelivery(
    long Id,
    OutboxKind Kind,
    string TargetType,
    string TargetKey,
    string Operation,
    string Payload,
    string IdempotencyKey,
    ReplyTo? Reply,
    TimeSpan? Period,
    int Attempts,
    DateTimeOffset DueAt,
    string ClaimToken);

public enum DeliveryState
{
    Pending,
    Dead,
}

/// <summary>An outbox row as operators see it. Payloads are left out: they may hold personal data.</summary>
public sealed record DeliveryRecord(
    long Id,
    OutboxKind Kind,
    string TargetType,
    string TargetKey,
    string Operation,
    string IdempotencyKey,
    DeliveryState State,
    int Attempts,
    DateTimeOffset DueAt,
    string? LastError,
    DateTimeOffset CreatedAt);

/// <summary>A silo's row in the membership table.</summary>
public sealed record SiloRecord(
    string SiloId,
    string Address,
    string HostName,
    DateTimeOffset StartedAt,
    DateTimeOffset HeartbeatAt,
    string Status);
