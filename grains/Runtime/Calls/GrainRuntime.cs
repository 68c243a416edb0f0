using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansShop.Runtime.Activation;
using OrleansShop.Runtime.Hosting;
using OrleansShop.Runtime.Outbox;
using OrleansShop.Runtime.Storage;

namespace OrleansShop.Runtime.Calls;

/// <summary>
/// Runs turns. A turn takes the activation's lock, activates the grain if needed, answers from the
/// inbox if its key was seen, runs the grain method, and commits what the turn staged in one
/// transaction. A version conflict drops the activation and runs the turn once more on fresh
/// state; any other failure drops the activation, so uncommitted changes never outlive their turn.
/// </summary>
internal sealed class GrainRuntime
{
    private readonly ActivationDirectory _directory;
    private readonly GrainActivator _activator;
    private readonly IGrainStorage _storage;
    private readonly DispatcherSignal _dispatcherSignal;
    private readonly ILogger<GrainRuntime> _logger;
    private int _runningTurns;
    private long _versionConflicts;
    private long _staleActivations;
    private volatile bool _stopping;

    public GrainRuntime(
        GrainRegistry registry,
        ActivationDirectory directory,
        IServiceProvider services,
        IGrainStorage storage,
        DispatcherSignal dispatcherSignal,
        IOptions<GrainRuntimeOptions> options,
        TimeProvider timeProvider,
        ILogger<GrainRuntime> logger)
    {
        Registry = registry;
        _directory = directory;
        _activator = new GrainActivator(services, storage);
        _storage = storage;
        _dispatcherSignal = dispatcherSignal;
        Options = options.Value;
        TimeProvider = timeProvider;
        _logger = logger;
        GrainFactory = new GrainFactory(this);
    }

    public GrainRegistry Registry { get; }

    public GrainRuntimeOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public IGrainFactory GrainFactory { get; }

    public int ActivationCount => _directory.Count;

    /// <summary>Turns that lost a version race since start (each was retried once).</summary>
    public long VersionConflicts => Interlocked.Read(ref _versionConflicts);

    /// <summary>Activations found behind the stored version before a turn, and reloaded.</summary>
    public long StaleActivations => Interlocked.Read(ref _staleActivations);

    public async Task<T> InvokeAsync<T>(GrainId grainId, Func<Grain, Task<T>> body) =>
        (await WithTimeoutAsync(grainId, inboxKey: null, body)).Value;

    public Task<InboxAnswer<T>> InvokeOnceAsync<T>(GrainId grainId, string inboxKey, Func<Grain, Task<T>> body) =>
        WithTimeoutAsync(grainId, inboxKey, body);

    /// <summary>
    /// The caller waits at most the call timeout. A call still queued for its turn when the
    /// timeout strikes never runs; one whose turn has begun runs to its end (and its commit).
    /// </summary>
    private async Task<InboxAnswer<T>> WithTimeoutAsync<T>(GrainId grainId, string? inboxKey, Func<Grain, Task<T>> body)
    {
        using var timeout = new CancellationTokenSource(Options.CallTimeout, TimeProvider);
        try
        {
            return await RunTurnAsync(grainId, inboxKey, body, timeout.Token).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"A call to grain {grainId} did not complete within {Options.CallTimeout}.");
        }
    }

    private async Task<InboxAnswer<T>> RunTurnAsync<T>(GrainId grainId, string? inboxKey, Func<Grain, Task<T>> body, CancellationToken queued)
    {
        if (_stopping)
        {
            throw new SiloUnavailableException("The silo is shutting down.");
        }

        var registration = Registry.Get(grainId.Type);
        for (var attempt = 1; ; attempt++)
        {
            var activation = _directory.GetOrAdd(grainId, id => new ActivationData(id, registration, this));
            // Asked before queueing for the lock, so the round trip overlaps the turns ahead; on
            // PostgreSQL the reads of concurrent turns share a query (a hot grain is read once per batch).
            var storedVersion = activation.IsActivated && _storage.IsShared ? _storage.ReadVersionAsync(grainId, CancellationToken.None) : null;
            await activation.TurnLock.WaitAsync(queued);
            Interlocked.Increment(ref _runningTurns);
            try
            {
                if (!activation.IsValid)
                {
                    continue; // dropped while we waited for its lock; a fresh one is in the directory
                }

                try
                {
                    // A stored version below ours is a read that began before a turn ahead of us committed.
                    if (activation.IsActivated && _storage.IsShared
                        && await (storedVersion ?? _storage.ReadVersionAsync(grainId, CancellationToken.None)) > activation.State!.Version)
                    {
                        // Another silo committed since this activation loaded: start over on fresh state.
                        Interlocked.Increment(ref _staleActivations);
                        Drop(activation);
                        attempt--;
                        continue;
                    }

                    return await RunOnActivationAsync(activation, inboxKey, body);
                }
                catch (InconsistentStateException) when (attempt == 1)
                {
                    Interlocked.Increment(ref _versionConflicts);
                    _logger.VersionConflict(grainId, activation.State?.Version ?? 0);
                    Drop(activation);
                }
                catch (DuplicateInboxException) when (inboxKey is not null)
                {
                    // Another activation (another silo) committed the same key first.
                    Drop(activation);
                    var stored = await _storage.ReadInboxAsync(inboxKey, CancellationToken.None)
                        ?? throw new InvalidOperationException($"Inbox key '{inboxKey}' conflicted but holds no answer.");
                    return new InboxAnswer<T>(Deserialize<T>(stored), Duplicate: true);
                }
                catch (Exception exception)
                {
                    if (exception is not InconsistentStateException)
                    {
                        _logger.TurnFailed(grainId, exception);
                    }

                    Drop(activation);
                    throw;
                }
            }
            finally
            {
                activation.EndTurn();
                activation.LastUsed = TimeProvider.GetUtcNow();
                Interlocked.Decrement(ref _runningTurns);
                activation.TurnLock.Release();
            }
        }
    }

    private async Task<InboxAnswer<T>> RunOnActivationAsync<T>(ActivationData activation, string? inboxKey, Func<Grain, Task<T>> body)
    {
        // OnActivateAsync runs inside the first turn, so what it stages commits with that turn.
        var turn = activation.BeginTurn(inboxKey);
        if (!activation.IsActivated)
        {
            await _activator.ActivateAsync(activation, CancellationToken.None);
        }

        if (inboxKey is not null && await _storage.ReadInboxAsync(inboxKey, CancellationToken.None) is { } stored)
        {
            return new InboxAnswer<T>(Deserialize<T>(stored), Duplicate: true);
        }

        var result = await body(activation.Grain!);
        if (turn.HasWork)
        {
            var state = activation.State!;
            var inbox = inboxKey is null ? null : new InboxWrite(inboxKey, JsonSerializer.Serialize(result, GrainJson.Options));
            var version = await _storage.CommitAsync(turn.ToCommit(state.Version, state.Serialize(), inbox), CancellationToken.None);
            state.Committed(version);
            if (turn.HasDueWork(TimeProvider.GetUtcNow()))
            {
                _dispatcherSignal.Notify();
            }
        }

        if (activation.DeactivateAfterTurn)
        {
            await DeactivateAsync(activation, DeactivationReason.Requested);
        }

        return new InboxAnswer<T>(result, Duplicate: false);
    }

    private static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, GrainJson.Options)!;

    /// <summary>Forgets an activation whose memory can no longer be trusted; the next call reloads.</summary>
    private void Drop(ActivationData activation)
    {
        activation.Invalidate();
        _directory.Remove(activation);
    }

    /// <summary>Deactivates with the activation's lock held by the caller.</summary>
    private async Task DeactivateAsync(ActivationData activation, DeactivationReason reason)
    {
        Drop(activation);
        if (activation.Grain is { } grain)
        {
            try
            {
                await grain.OnDeactivateAsync(reason, CancellationToken.None);
            }
            catch (Exception exception)
            {
                _logger.DeactivateFailed(activation.GrainId, exception);
            }
        }

        _logger.Deactivated(activation.GrainId, reason);
    }

    /// <summary>Deactivates every activation unused since <see cref="GrainRuntimeOptions.CollectionAge"/> ago.</summary>
    public async Task<int> CollectIdleActivationsAsync()
    {
        var cutoff = TimeProvider.GetUtcNow() - Options.CollectionAge;
        var collected = 0;
        foreach (var activation in _directory.Snapshot())
        {
            if (activation.LastUsed > cutoff || !activation.TurnLock.Wait(0))
            {
                continue; // recently used, or busy right now
            }

            try
            {
                if (activation.IsValid && activation.LastUsed <= cutoff)
                {
                    await DeactivateAsync(activation, DeactivationReason.IdleCollection);
                    collected++;
                }
            }
            finally
            {
                activation.TurnLock.Release();
            }
        }

        if (collected > 0)
        {
            _logger.Collected(collected);
        }

        return collected;
    }

    /// <summary>Refuses new turns, waits for running ones, and deactivates everything.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        var deadline = TimeProvider.System.GetUtcNow() + Options.DrainTimeout;
        while (Volatile.Read(ref _runningTurns) > 0 && TimeProvider.System.GetUtcNow() < deadline && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(10, CancellationToken.None);
        }

        if (Volatile.Read(ref _runningTurns) is > 0 and var running)
        {
            _logger.DrainTimedOut(running);
        }

        foreach (var activation in _directory.Snapshot())
        {
            if (activation.TurnLock.Wait(0, CancellationToken.None))
            {
                try
                {
                    await DeactivateAsync(activation, DeactivationReason.ShuttingDown);
                }
                finally
                {
                    activation.TurnLock.Release();
                }
            }
        }
    }
}
