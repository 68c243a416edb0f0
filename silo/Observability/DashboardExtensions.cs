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
        }

        return silo;
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
