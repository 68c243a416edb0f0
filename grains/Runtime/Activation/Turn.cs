using System.Linq.Expressions;
using System.Text.Json;
using OrleansShop.Runtime.Outbox;
using OrleansShop.Runtime.Storage;

namespace OrleansShop.Runtime.Activation;

/// <summary>
/// What one turn stages: a state write, outbox rows and reminder changes. They commit together,
/// with the turn's inbox row, when the turn ends.
/// </summary>
internal sealed class Turn(ActivationData activation, string? inboxKey) : IGrainOutbox, IGrainIndex
{
    private readonly List<OutboxEntry> _outbox = [];
    private readonly Dictionary<string, ReminderChange> _reminders = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Index, string Partition), IndexWrite> _index = [];
    private bool _stateWriteRequested;

    public string? InboxKey { get; } = inboxKey;

    /// <summary>An inbox key always commits: the answer must be recorded even when nothing changed.</summary>
    public bool HasWork => _stateWriteRequested || _outbox.Count > 0 || _reminders.Count > 0 || _index.Count > 0 || InboxKey is not null;

    public bool HasDueWork(DateTimeOffset now) =>
        _outbox.Exists(e => e.DueAt <= now) || _reminders.Values.Any(r => r.DueAt <= now);

    public void RequestStateWrite() => _stateWriteRequested = true;

    public void Send<TGrain>(string key, Expression<Func<TGrain, Task>> call)
        where TGrain : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(call);
        var registration = activation.Runtime.Registry.Get(typeof(TGrain));
        // g => g.AddAsync(1) returning Task<int> arrives wrapped in a conversion to Task.
        var body = call.Body is UnaryExpression { NodeType: ExpressionType.Convert } conversion ? conversion.Operand : call.Body;
        if (body is not MethodCallExpression invocation || invocation.Object != call.Parameters[0])
        {
            throw new ArgumentException("A grain message is a single call on the grain: g => g.Method(arguments).", nameof(call));
        }

        var method = registration.GetMethod(invocation.Method);
        var arguments = ExpressionArguments.Evaluate(invocation.Arguments);
        Stage(OutboxKind.Message, registration.TypeName, key, method.Name, method.SerializeArguments(arguments), reply: null);
    }

    public string Call(string connector, string operation, object payload, ReplyTo? replyTo = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connector);
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentNullException.ThrowIfNull(payload);
        if (replyTo is not null)
        {
            activation.Runtime.Registry.Get(replyTo.GrainType).GetMethod(replyTo.Method);
        }

        var json = payload as string ?? JsonSerializer.Serialize(payload, payload.GetType(), GrainJson.Options);
        return Stage(OutboxKind.Call, connector, activation.GrainId.ToString(), operation, json, replyTo);
    }

    public void Set(string index, string partition, string sortKey, string? tag, string summary)
    {
        ArgumentException.ThrowIfNullOrEmpty(index);
        ArgumentException.ThrowIfNullOrEmpty(partition);
        ArgumentNullException.ThrowIfNull(sortKey);
        ArgumentNullException.ThrowIfNull(summary);
        _index[(index, partition)] = new IndexWrite(index, partition, sortKey, tag, summary);
    }

    public void Remove(string index, string partition)
    {
        ArgumentException.ThrowIfNullOrEmpty(index);
        ArgumentException.ThrowIfNullOrEmpty(partition);
        _index[(index, partition)] = new IndexWrite(index, partition, SortKey: null, Tag: null, Summary: null);
    }

    public void SetReminder(string name, DateTimeOffset dueAt, TimeSpan? period) => _reminders[name] = new ReminderChange(name, dueAt, period);

    public void RemoveReminder(string name) => _reminders[name] = new ReminderChange(name, null, null);

    public TurnCommit ToCommit(long expectedVersion, string payload, InboxWrite? inbox) =>
        new(activation.GrainId, expectedVersion, payload, inbox, _outbox, [.. _reminders.Values]) { Index = [.. _index.Values] };

    private string Stage(OutboxKind kind, string targetType, string targetKey, string operation, string payload, ReplyTo? reply)
    {
        // Unique and deterministic: a grain commits each version once, and a retried turn
        // (after a version conflict) stages against the version it reloaded.
        var idempotencyKey = $"{activation.GrainId}/v{activation.State!.Version + 1}/{_outbox.Count}";
        _outbox.Add(new OutboxEntry(kind, targetType, targetKey, operation, payload, idempotencyKey, reply, activation.Runtime.TimeProvider.GetUtcNow()));
        return idempotencyKey;
    }
}
