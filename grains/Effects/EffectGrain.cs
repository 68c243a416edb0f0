using System.Diagnostics;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansShop.Effects;

/// <summary>
/// The base of every stateful OrleansShop grain: Orleans' <c>Grain</c> with its state in a
/// <see cref="GrainRecord{TState}"/>, so that a transition, the effects it causes, the inbox entry
/// of the delivery that caused it and its read-model rows commit in one <see cref="WriteStateAsync"/>.
/// After each write the grain delivers its due effects; a reminder re-drives them after a crash
/// while any are pending, and so does the next activation.
/// </summary>
/// <remarks>
/// Grain methods change <see cref="State"/>, add effects through <see cref="Outbox"/> and rows
/// through <see cref="Index"/>, then call <see cref="WriteStateAsync"/>: nothing leaves before the
/// write. A method that throws takes the activation with it (see <see cref="EffectCallFilter"/>).
/// </remarks>
public abstract partial class EffectGrain<TState> : Grain, IEffectHost, IRemindable, IEffectReceiver
    where TState : class, new()
{
    /// <summary>The reminder that re-drives pending effects.</summary>
    public const string RedriveReminder = "effects";

    private readonly IPersistentState<GrainRecord<TState>> _storage;
    private readonly HashSet<long> _inFlight = [];
    private readonly List<ReminderChange> _reminderChanges = [];
    private Services? _services;
    private int _gathering;
    private bool _unsettled;
    private bool _abandoned;
    private IGrainTimer? _deliveryTimer;
    private IGrainTimer? _settleTimer;
    private IGrainReminder? _redrive;

    protected EffectGrain(IPersistentState<GrainRecord<TState>> storage)
    {
        _storage = storage;
        Outbox = new GrainOutbox(this);
        Index = new GrainIndex(this);
    }

    /// <summary>The grain's domain state, as last written or as this call has changed it.</summary>
    protected TState State
    {
        get => Record.State;
        set => Record.State = value;
    }

    protected bool RecordExists => _storage.RecordExists;

    /// <summary>The grain's key (its id without the type).</summary>
    protected string GetPrimaryKeyString() => GrainExtensions.GetPrimaryKeyString(this);

    /// <summary>Messages and external calls this grain's next write commits.</summary>
    protected IGrainOutbox Outbox { get; }

    /// <summary>Read-model rows this grain's next write commits.</summary>
    protected IGrainIndex Index { get; }

    protected TimeProvider TimeProvider => Service.Time;

    string? IEffectReceiver.Receiving { set => ReceivingKey = value; }

    private string? ReceivingKey { get; set; }

    private GrainRecord<TState> Record => _storage.State;

    private Services Service => _services ??= new Services(ServiceProvider);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Drive();
        return ProjectAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A silo that stops without grace (a cancelled token) writes nothing, as a crash would not.
        if (_unsettled && !_abandoned && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                await SettleAsync();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSettleFailed(Service.Logger, this.GetGrainId().ToString(), exception); // delivered again later; receivers deduplicate
            }
        }
    }

    /// <summary>
    /// Commits the state, the effects and index rows added since the last write, and the inbox
    /// entry of the delivery being handled; then delivers what is due. Inside <see cref="OnceAsync{T}"/>
    /// the writes of the call are gathered into the one write that also records its answer.
    /// </summary>
    protected Task WriteStateAsync()
    {
        if (_gathering > 0)
        {
            return Task.CompletedTask;
        }

        return CommitAsync();
    }

    /// <summary>
    /// Runs <paramref name="call"/> at most once per <paramref name="inboxKey"/>: its answer commits
    /// with its state, and a later call with the same key gets that answer back, flagged a duplicate,
    /// and changes nothing. Kept for <see cref="EffectOptions.InboxRetention"/>.
    /// </summary>
    protected async Task<InboxAnswer<T>> OnceAsync<T>(string inboxKey, Func<Task<T>> call)
    {
        ArgumentException.ThrowIfNullOrEmpty(inboxKey);
        ArgumentNullException.ThrowIfNull(call);
        if (Record.Inbox.TryGetValue(inboxKey, out var seen))
        {
            return new InboxAnswer<T>(JsonSerializer.Deserialize<T>(seen.Answer ?? "null", GrainJson.Options)!, Duplicate: true);
        }

        T answer;
        _gathering++;
        try
        {
            answer = await call();
        }
        finally
        {
            _gathering--;
        }

        Record.Inbox[inboxKey] = new InboxEntry(TimeProvider.GetUtcNow(), JsonSerializer.Serialize(answer, GrainJson.Options));
        await CommitAsync();
        return new InboxAnswer<T>(answer, Duplicate: false);
    }

    /// <summary>
    /// A durable reminder, registered with the next write: a one-shot one when <paramref name="period"/>
    /// is null (Orleans' reminders all repeat; this one repeats every <see cref="EffectOptions.RedriveInterval"/>
    /// until its first tick unregisters it).
    /// </summary>
    protected void RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan? period = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        _reminderChanges.Add(new ReminderChange(reminderName, dueTime, period, Remove: false));
        if (period is null)
        {
            Record.OneShotReminders[reminderName] = TimeProvider.GetUtcNow() + dueTime;
        }
        else
        {
            Record.OneShotReminders.Remove(reminderName);
        }
    }

    /// <summary>Unregisters a reminder after the next write.</summary>
    protected void UnregisterReminder(string reminderName)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        _reminderChanges.Add(new ReminderChange(reminderName, TimeSpan.Zero, null, Remove: true));
        Record.OneShotReminders.Remove(reminderName);
    }

    /// <summary>
    /// Runs at the start of every commit, before anything is written: a grain adds here the effects
    /// it can only work out with a call (the event subscriptions it fans out to), so they commit with the state.
    /// </summary>
    protected virtual Task OnCommittingAsync() => Task.CompletedTask;

    /// <summary>A reminder of the grain's own (not the re-drive reminder) has ticked.</summary>
    protected virtual Task OnReminderAsync(string reminderName, TickStatus status) => Task.CompletedTask;

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == RedriveReminder)
        {
            Drive();
            await ProjectAsync();
            if (Record.Effects.Count == 0)
            {
                await SettleAsync();
            }

            return;
        }

        var oneShot = Record.OneShotReminders.ContainsKey(reminderName);
        if (oneShot)
        {
            UnregisterReminder(reminderName);
        }

        await OnReminderAsync(reminderName, status);
        if (oneShot && _reminderChanges.Count > 0)
        {
            await CommitAsync(); // the handler wrote nothing: the unregistration still has to happen
        }
    }

    async Task IEffectHost.CompleteEffectAsync(long effectId, DeliveryOutcome outcome)
    {
        _inFlight.Remove(effectId);
        var index = Record.Effects.FindIndex(e => e.Id == effectId);
        if (index < 0)
        {
            return; // settled already (delivered twice, once by an activation that has since gone)
        }

        var effect = Record.Effects[index];
        if (outcome.Status == DeliveryStatus.Delivered)
        {
            Record.Effects.RemoveAt(index);
            if (effect.Listed)
            {
                await Service.DeliveryLog.ForgetAsync(this.GetGrainId(), effect.Id, Record.Revision + 1, CancellationToken.None);
            }

            MarkUnsettled(); // a reply that writes settles it at once
            if (effect.ReplyMethod is { } reply)
            {
                await ReplyAsync(reply, new ExternalCallResult(effect.IdempotencyKey, effect.Operation, Succeeded: true, outcome.Response, Error: null));
            }

            return;
        }

        var attempts = effect.Attempts + 1;
        var dead = outcome.Status == DeliveryStatus.Permanent || attempts >= Service.Options.MaxAttempts;
        var now = TimeProvider.GetUtcNow();
        effect = effect with
        {
            Attempts = attempts,
            Dead = dead,
            LastError = outcome.Error,
            Listed = true,
            DueAt = dead ? now : now + Backoff.Delay(attempts, Service.Options.BaseDelay, Service.Options.MaxDelay, Random.Shared),
        };
        Record.Effects[index] = effect;
        LogDeliveryFailed(Service.Logger, effect.Id, this.GetGrainId().ToString(), effect.TargetName, effect.Operation, attempts, dead, outcome.Error);
        if (dead && effect.ReplyMethod is { } failedReply)
        {
            await ReplyAsync(failedReply, new ExternalCallResult(effect.IdempotencyKey, effect.Operation, Succeeded: false, Response: null, outcome.Error));
        }

        await CommitAsync();
    }

    async Task<bool> IEffectHost.RetryEffectAsync(long effectId)
    {
        var index = Record.Effects.FindIndex(e => e.Id == effectId);
        if (index < 0)
        {
            return false;
        }

        Record.Effects[index] = Record.Effects[index] with { Dead = false, DueAt = TimeProvider.GetUtcNow() };
        await CommitAsync();
        return true;
    }

    async Task<int> IEffectHost.ReplayDeadEffectsAsync(long[] effectIds)
    {
        ArgumentNullException.ThrowIfNull(effectIds);
        var now = TimeProvider.GetUtcNow();
        var replayed = 0;
        for (var i = 0; i < Record.Effects.Count; i++)
        {
            if (Record.Effects[i] is { Dead: true } effect && effectIds.Contains(effect.Id))
            {
                Record.Effects[i] = effect with { Dead = false, DueAt = now };
                replayed++;
            }
        }

        if (replayed > 0)
        {
            await CommitAsync();
        }

        return replayed;
    }

    async Task<int> IEffectHost.DiscardDeadEffectsAsync(long[] effectIds)
    {
        ArgumentNullException.ThrowIfNull(effectIds);
        var discarded = Record.Effects.FindAll(e => e.Dead && effectIds.Contains(e.Id));
        if (discarded.Count == 0)
        {
            return 0;
        }

        // Off the list first, as a delivered effect is: should the write then fail, the next write lists it again.
        foreach (var effect in discarded)
        {
            await Service.DeliveryLog.ForgetAsync(this.GetGrainId(), effect.Id, Record.Revision + 1, CancellationToken.None);
            LogEffectDiscarded(Service.Logger, effect.Id, this.GetGrainId().ToString(), effect.TargetName, effect.Operation);
        }

        Record.Effects.RemoveAll(e => discarded.Contains(e));
        await CommitAsync();
        return discarded.Count;
    }

    Task<IReadOnlyList<Effect>> IEffectHost.GetEffectsAsync() => Task.FromResult<IReadOnlyList<Effect>>([.. Record.Effects]);

    bool IEffectReceiver.HasReceived(string inboxKey) => Record.Inbox.ContainsKey(inboxKey);

    void IEffectReceiver.Abandon()
    {
        _abandoned = true;
        DeactivateOnIdle();
    }

    private async Task CommitAsync()
    {
        await OnCommittingAsync();
        var now = TimeProvider.GetUtcNow();
        if (ReceivingKey is { } received)
        {
            Record.Inbox[received] = new InboxEntry(now, Answer: null);
        }

        PruneInbox(now);
        var pending = Record.Effects.Exists(e => !e.Dead);
        if (pending && !Record.RedriveRegistered)
        {
            // Before the write: once effects are committed, something must come back for them.
            _redrive = await GrainReminderExtensions.RegisterOrUpdateReminder(this, RedriveReminder, Service.Options.RedriveInterval, Service.Options.RedriveInterval);
            Record.RedriveRegistered = true;
        }

        var changes = _reminderChanges.ToArray();
        _reminderChanges.Clear();
        foreach (var change in changes.Where(c => !c.Remove))
        {
            // A one-shot reminder repeats at the re-drive interval until its first tick unregisters
            // it: Orleans does not replay a tick missed while no silo held it, so the period bounds
            // how late it fires after an outage.
            await GrainReminderExtensions.RegisterOrUpdateReminder(this, change.Name, change.DueTime, change.Period ?? Service.Options.RedriveInterval);
        }

        Record.Revision++;
        await _storage.WriteStateAsync();
        _unsettled = false;
        foreach (var change in changes.Where(c => c.Remove && !changes.Any(r => !r.Remove && r.Name == c.Name)))
        {
            if (await GrainReminderExtensions.GetReminder(this, change.Name) is { } reminder)
            {
                await GrainReminderExtensions.UnregisterReminder(this, reminder);
            }
        }

        await ProjectAsync();
        await ListFailuresAsync();
        Drive();
    }

    /// <summary>Writes the record once every delivered effect is gone from it, and stops the re-drive reminder when nothing is pending.</summary>
    private async Task SettleAsync()
    {
        var idle = !Record.Effects.Exists(e => !e.Dead);
        var stopRedrive = idle && Record.RedriveRegistered;
        if (!_unsettled && !stopRedrive)
        {
            return;
        }

        Record.RedriveRegistered &= !idle;
        await CommitAsync();
        if (stopRedrive && (_redrive ?? await GrainReminderExtensions.GetReminder(this, RedriveReminder)) is { } reminder)
        {
            await GrainReminderExtensions.UnregisterReminder(this, reminder);
            _redrive = null;
        }
    }

    private void MarkUnsettled()
    {
        _unsettled = true;
        _settleTimer?.Dispose();
        _settleTimer = this.RegisterGrainTimer(static grain => grain.SettleAsync(), this,
            new GrainTimerCreationOptions(Service.Options.SettleDelay, Timeout.InfiniteTimeSpan));
    }

    /// <summary>Starts every due effect that is not already under way, and wakes up for the next one.</summary>
    private void Drive()
    {
        if (!Service.Options.Enabled)
        {
            return;
        }

        var now = TimeProvider.GetUtcNow();
        DateTimeOffset? next = null;
        foreach (var effect in Record.Effects)
        {
            if (effect.Dead || _inFlight.Contains(effect.Id))
            {
                continue;
            }

            if (effect.DueAt <= now)
            {
                _inFlight.Add(effect.Id);
                Service.Delivery.Start(this.GetGrainId(), effect);
            }
            else if (next is null || effect.DueAt < next)
            {
                next = effect.DueAt;
            }
        }

        _deliveryTimer?.Dispose();
        _deliveryTimer = next is { } due
            ? this.RegisterGrainTimer(static grain => grain.OnDeliveryTimerAsync(), this, new GrainTimerCreationOptions(Max(due - now, TimeSpan.Zero), Timeout.InfiniteTimeSpan))
            : null;
    }

    private Task OnDeliveryTimerAsync()
    {
        Drive();
        return Task.CompletedTask;
    }

    /// <summary>Writes the index rows the last write did not commit itself (see <see cref="IIndexedRecord"/>).</summary>
    private async Task ProjectAsync()
    {
        var taken = Record.TakeUnprojectedRows();
        if (taken.Rows.Count == 0)
        {
            return;
        }

        try
        {
            await Service.Index.WriteAsync(this.GetGrainId(), taken.Rows, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The rows stay wanted: the next write, activation or re-drive tick writes them.
            Record.ReturnUnprojectedRows(taken);
            LogProjectionFailed(Service.Logger, this.GetGrainId().ToString(), exception);
        }
    }

    private async Task ListFailuresAsync()
    {
        foreach (var effect in Record.Effects.Where(e => e.Listed))
        {
            try
            {
                await Service.DeliveryLog.RecordAsync(this.GetGrainId(), effect, Record.Revision, CancellationToken.None);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogProjectionFailed(Service.Logger, this.GetGrainId().ToString(), exception);
            }
        }
    }

    private async Task ReplyAsync(string method, ExternalCallResult result)
    {
        var target = GetType().GetMethod(method, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, [typeof(ExternalCallResult)])
            ?? throw new InvalidOperationException($"{GetType().Name} has no method {method}({nameof(ExternalCallResult)}) to receive a call's outcome.");
        await (Task)target.Invoke(this, [result])!;
    }

    private void PruneInbox(DateTimeOffset now)
    {
        var cutoff = now - Service.Options.InboxRetention;
        foreach (var (key, entry) in Record.Inbox)
        {
            if (entry.At < cutoff)
            {
                Record.Inbox.Remove(key);
            }
        }
    }

    private long NextEffectId() => ++Record.LastEffectId;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(1, LogLevel.Warning, "Effect {EffectId} of {Owner} ({Target}.{Operation}) failed on attempt {Attempts} (dead letter: {Dead}): {Error}")]
    private static partial void LogDeliveryFailed(ILogger logger, long effectId, string owner, string target, string operation, int attempts, bool dead, string? error);

    [LoggerMessage(2, LogLevel.Warning, "Writing the read models of {Owner} failed; written again later")]
    private static partial void LogProjectionFailed(ILogger logger, string owner, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "Writing down the delivered effects of {Owner} at deactivation failed")]
    private static partial void LogSettleFailed(ILogger logger, string owner, Exception exception);

    [LoggerMessage(4, LogLevel.Information, "Dead letter {EffectId} of {Owner} ({Target}.{Operation}) was discarded by an operator")]
    private static partial void LogEffectDiscarded(ILogger logger, long effectId, string owner, string target, string operation);

    private sealed record ReminderChange(string Name, TimeSpan DueTime, TimeSpan? Period, bool Remove);

    private sealed class Services(IServiceProvider services)
    {
        public TimeProvider Time { get; } = services.GetRequiredKeyedService<TimeProvider>(ShopTime.Key);

        public EffectOptions Options { get; } = services.GetRequiredService<IOptions<EffectOptions>>().Value;

        public EffectDelivery Delivery { get; } = services.GetRequiredService<EffectDelivery>();

        public IIndexProjection Index { get; } = services.GetRequiredService<IIndexProjection>();

        public IDeliveryLog DeliveryLog { get; } = services.GetRequiredService<IDeliveryLog>();

        public ILogger Logger { get; } = services.GetRequiredService<ILoggerFactory>().CreateLogger("OrleansShop.Effects");
    }

    private sealed class GrainOutbox(EffectGrain<TState> grain) : IGrainOutbox
    {
        public void Send<TGrain>(string key, Expression<Func<TGrain, Task>> call)
            where TGrain : IGrainWithStringKey
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            if (call.Body is not MethodCallExpression body || body.Object is not ParameterExpression)
            {
                throw new ArgumentException("A message is one call of the grain's method: g => g.Method(arguments).", nameof(call));
            }

            var (method, payload) = MessageArguments.Write(body);
            var type = typeof(TGrain);
            Add(EffectKind.Message, $"{type.FullName}, {type.Assembly.GetName().Name}", key, method.Name, payload, replyMethod: null);
        }

        public string Call(string connector, string operation, object payload, string? replyMethod = null)
        {
            ArgumentException.ThrowIfNullOrEmpty(connector);
            ArgumentNullException.ThrowIfNull(payload);
            return Add(EffectKind.Call, connector, string.Empty, operation, JsonSerializer.Serialize(payload, payload.GetType(), GrainJson.Options), replyMethod);
        }

        private string Add(EffectKind kind, string target, string key, string operation, string payload, string? replyMethod)
        {
            var id = grain.NextEffectId();
            var idempotencyKey = $"{grain.GetGrainId()}/e{id}";
            grain.Record.Effects.Add(new Effect(id, kind, target, key, operation, payload, idempotencyKey, replyMethod, grain.TimeProvider.GetUtcNow())
            {
                TraceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } creating ? creating.Id : null,
            });
            return idempotencyKey;
        }
    }

    private sealed class GrainIndex(EffectGrain<TState> grain) : IGrainIndex
    {
        public void Set(string index, string partition, string sortKey, string? tag, string summary) =>
            grain.Record.Index[$"{index}/{partition}"] = new IndexRow(index, partition, sortKey, tag, summary, Removed: false, grain.Record.Revision + 1);

        public void Remove(string index, string partition)
        {
            if (grain.Record.Index.TryGetValue($"{index}/{partition}", out var row))
            {
                grain.Record.Index[row.Index + "/" + row.Partition] = row with { Removed = true, Revision = grain.Record.Revision + 1 };
            }
        }
    }
}
