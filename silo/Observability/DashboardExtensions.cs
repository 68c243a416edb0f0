using Orleans.Dashboard;
using OrleansShop.Silo.Console;
using OrleansShop.Silo.Console.Authentication;

namespace OrleansShop.Silo.Observability;

/// <summary>
/// Orleans' own dashboard (<c>Microsoft.Orleans.Dashboard</c>): grains, calls, silos and reminders of
/// the whole cluster, served by every silo under <c>/console/dashboard/</c> to operators signed in to
/// the console. It is on unless <c>Orleans:Dashboard:Enabled</c> is false; <c>Orleans:Dashboard</c>
/// also takes Orleans' <see cref="DashboardOptions"/> (<c>CounterUpdateIntervalMs</c>, <c>HistoryLength</c>, <c>HideTrace</c>).
/// </summary>
internal static class DashboardExtensions
{
    public const string SectionName = "Orleans:Dashboard";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue($"{SectionName}:Enabled", defaultValue: true);

    public static ISiloBuilder AddOperatorDashboard(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (IsEnabled(configuration))
        {
            silo.AddDashboard();
            silo.Services.AddOptions<DashboardOptions>().BindConfiguration(SectionName);
            DeferDashboardStart(silo.Services);
        }

        return silo;
    }

    /// <summary>
    /// The dashboard's start-up service activates its grains at once. The silo's hosted services start
    /// together (so that <c>/healthz</c> serves while Orleans waits for its database), so that would
    /// run before the silo is active, and fail noisily. It is started once the host has started instead.
    /// </summary>
    private static void DeferDashboardStart(IServiceCollection services)
    {
        var dashboardAssembly = typeof(DashboardOptions).Assembly;
        var hosted = services.Where(d => d.ServiceType == typeof(IHostedService) && !d.IsKeyedService
            && (d.ImplementationType ?? d.ImplementationFactory?.Method.DeclaringType)?.Assembly == dashboardAssembly).ToList();
        foreach (var descriptor in hosted)
        {
            services.Remove(descriptor);
            services.AddSingleton<IHostedService>(sp => new StartedHostService(
                () => (IHostedService)(descriptor.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!)),
                sp.GetRequiredService<IHostApplicationLifetime>()));
        }
    }

    /// <summary>Starts a hosted service once the host has started, and stops it with the host.</summary>
    private sealed class StartedHostService(Func<IHostedService> create, IHostApplicationLifetime lifetime) : IHostedService, IAsyncDisposable
    {
        private IHostedService? _service;
        private CancellationTokenRegistration _started;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            _started = lifetime.ApplicationStarted.Register(() => _ = StartNowAsync());
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => _service?.StopAsync(cancellationToken) ?? Task.CompletedTask;

        public async ValueTask DisposeAsync()
        {
            await _started.DisposeAsync();
            switch (_service)
            {
                case IAsyncDisposable disposable:
                    await disposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }

        private async Task StartNowAsync()
        {
            _service = create();
            await _service.StartAsync(lifetime.ApplicationStopping);
        }
    }

    public static WebApplication MapOperatorDashboard(this WebApplication app)
    {
        if (IsEnabled(app.Configuration))
        {
            app.MapOrleansDashboard(ConsolePaths.Dashboard).RequireAuthorization(ConsoleUser.OperatorPolicy).ExcludeFromDescription();
        }

        return app;
    }
}
