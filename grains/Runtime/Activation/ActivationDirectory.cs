using System.Collections.Concurrent;

namespace OrleansShop.Runtime.Activation;

/// <summary>
/// This silo's activations, at most one per grain. Other silos may hold their own: storage
/// version checks, not this directory, keep them consistent.
/// </summary>
internal sealed class ActivationDirectory
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();

    public int Count => _activations.Count;

    public ActivationData GetOrAdd(GrainId grainId, Func<GrainId, ActivationData> create) => _activations.GetOrAdd(grainId, create);

    /// <summary>Removes exactly this activation, never a newer one of the same grain.</summary>
    public bool Remove(ActivationData activation) => _activations.TryRemove(KeyValuePair.Create(activation.GrainId, activation));

    public IReadOnlyCollection<ActivationData> Snapshot() => _activations.Values.ToArray();
}
