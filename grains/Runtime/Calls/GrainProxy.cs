using System.Reflection;

namespace OrleansShop.Runtime.Calls;

/// <summary>
/// The reference a caller holds for a grain: every interface call becomes a turn of the grain's
/// activation on this silo (Orleans generates these proxies; <see cref="DispatchProxy"/> does it here).
/// </summary>
#pragma warning disable CA1852 // DispatchProxy derives a type from this class at run time.
internal class GrainProxy : DispatchProxy
#pragma warning restore CA1852
{
    private GrainRuntime? _runtime;
    private GrainRegistration? _registration;
    private GrainId _grainId;

    public static TGrain Create<TGrain>(GrainRuntime runtime, GrainRegistration registration, GrainId grainId)
    {
        var proxy = Create<TGrain, GrainProxy>();
        var self = (GrainProxy)(object)proxy!;
        self._runtime = runtime;
        self._registration = registration;
        self._grainId = grainId;
        return proxy;
    }

    public override string ToString() => _grainId.ToString();

    public override bool Equals(object? obj) => obj is GrainProxy other && other._grainId == _grainId;

    public override int GetHashCode() => _grainId.GetHashCode();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return _registration!.GetMethod(targetMethod).Invoker.Invoke(_runtime!, _grainId, args ?? []);
    }
}
