using System.Collections.Concurrent;
using OrleansShop.Runtime;
using OrleansShop.Runtime.Membership;

namespace OrleansShop.Tests.Grains;

/// <summary>A stateless grain that reports activations and overlapping turns to a <see cref="ProbeRecorder"/>.</summary>
public interface IProbeGrain : IGrainWithStringKey
{
    Task<int> EnterAsync(int holdMilliseconds);
}

public sealed class ProbeGrain(ProbeRecorder recorder, SiloIdentity silo) : Grain, IProbeGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        recorder.Activated(silo.SiloId, GrainId.Key);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        recorder.Deactivated(GrainId.Key, reason);
        return Task.CompletedTask;
    }

    public async Task<int> EnterAsync(int holdMilliseconds)
    {
        var concurrent = recorder.Enter(GrainId.Key);
        try
        {
            await Task.Delay(holdMilliseconds);
            return concurrent;
        }
        finally
        {
            recorder.Exit(GrainId.Key);
        }
    }
}

/// <summary>Shared by every silo of a test: what probe grains saw.</summary>
public sealed class ProbeRecorder
{
    private readonly ConcurrentDictionary<(string Silo, string Key), int> _activations = new();
    private readonly ConcurrentDictionary<string, int> _inside = new();
    private int _maxInside;

    public ConcurrentQueue<(string Key, DeactivationReason Reason)> Deactivations { get; } = new();

    public int MaxConcurrentTurns => Volatile.Read(ref _maxInside);

    public int ActivationsOf(string silo, string key) => _activations.GetValueOrDefault((silo, key));

    public IReadOnlyDictionary<(string Silo, string Key), int> Activations => _activations;

    public void Activated(string silo, string key) => _activations.AddOrUpdate((silo, key), 1, (_, n) => n + 1);

    public void Deactivated(string key, DeactivationReason reason) => Deactivations.Enqueue((key, reason));

    public int Enter(string key)
    {
        var inside = _inside.AddOrUpdate(key, 1, (_, n) => n + 1);
        int max;
        do
        {
            max = Volatile.Read(ref _maxInside);
        }
        while (inside > max && Interlocked.CompareExchange(ref _maxInside, inside, max) != max);
        return inside;
    }

    public void Exit(string key) => _inside.AddOrUpdate(key, 0, (_, n) => n - 1);
}
