using OrleansShop.Runtime.Hosting;

namespace OrleansShop.Tests.Grains;

public static class TestGrains
{
    /// <summary>Every test grain, the recording connector, and the shared recorders given.</summary>
    public static IServiceCollection AddTestGrains(this IServiceCollection services, ProbeRecorder? probes = null, CallLog? calls = null, TickRecorder? ticks = null)
    {
        services.AddSingleton(probes ?? new ProbeRecorder());
        services.AddSingleton(calls ?? new CallLog());
        services.AddSingleton(ticks ?? new TickRecorder());
        services.AddGrain<ICounterGrain, CounterGrain>();
        services.AddGrain<IProbeGrain, ProbeGrain>();
        services.AddGrain<ISenderGrain, SenderGrain>();
        services.AddGrain<IAlarmGrain, AlarmGrain>();
        services.AddExternalCallHandler<RecordingConnector>();
        return services;
    }
}
