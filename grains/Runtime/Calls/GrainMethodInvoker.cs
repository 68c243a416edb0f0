namespace OrleansShop.Runtime.Calls;

/// <summary>Turns a call of a grain method into a turn, with the method's own return type.</summary>
internal abstract class GrainMethodInvoker
{
    public static GrainMethodInvoker Create(GrainMethod method) =>
        method.ResultType is null
            ? new VoidInvoker(method)
            : (GrainMethodInvoker)Activator.CreateInstance(typeof(ResultInvoker<>).MakeGenericType(method.ResultType), method)!;

    /// <summary>A proxy call: returns the method's <see cref="Task"/> or <see cref="Task{T}"/>.</summary>
    public abstract object Invoke(GrainRuntime runtime, GrainId grainId, object?[] arguments);

    /// <summary>A durable message: the turn runs at most once per <paramref name="inboxKey"/>.</summary>
    public Task InvokeOnceAsync(GrainRuntime runtime, GrainId grainId, object?[] arguments, string inboxKey) =>
        runtime.InvokeOnceAsync<object?>(grainId, inboxKey, async grain =>
        {
            var task = Method.Call(grain, arguments);
            await task;
            return null;
        });

    protected abstract GrainMethod Method { get; }

    private sealed class VoidInvoker(GrainMethod method) : GrainMethodInvoker
    {
        protected override GrainMethod Method => method;

        public override object Invoke(GrainRuntime runtime, GrainId grainId, object?[] arguments) =>
            runtime.InvokeAsync<object?>(grainId, async grain =>
            {
                await method.Call(grain, arguments);
                return null;
            });
    }

    private sealed class ResultInvoker<T>(GrainMethod method) : GrainMethodInvoker
    {
        protected override GrainMethod Method => method;

        public override object Invoke(GrainRuntime runtime, GrainId grainId, object?[] arguments) =>
            runtime.InvokeAsync(grainId, grain => (Task<T>)method.Call(grain, arguments));
    }
}
