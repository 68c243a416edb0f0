using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Observability;

/// <summary>
/// docker-compose.yml's monitoring files against the code, read from the repository (nothing runs): every
/// OrleansShop metric the Grafana dashboard queries is one the silos expose, each instrument is on the dashboard,
/// the panels use the provisioned datasource, and Prometheus scrapes every silo service of the compose file.
/// </summary>
public sealed partial class GrafanaDashboardTests
{
    private const string Dashboard = "monitoring/grafana/dashboards/orleansshop.json";
    private const string Datasource = "monitoring/grafana/provisioning/datasources/prometheus.yml";
    private const string DashboardProvider = "monitoring/grafana/provisioning/dashboards/orleansshop.yml";
    private const string PrometheusConfig = "monitoring/prometheus/prometheus.yml";
    private const string Compose = "docker-compose.yml";

    /// <summary>
    /// OrleansShop's instruments (ShopMetrics, EffectMetrics) and the name /metrics gives each: OpenTelemetry's
    /// Prometheus exporter turns dots into underscores, drops a unit in braces, appends <c>_seconds</c> for
    /// <c>s</c> and <c>_total</c> to a counter, and exposes a histogram as <c>_bucket</c>, <c>_sum</c> and
    /// <c>_count</c>. MetricsTests reads five of these names from a running silo.
    /// </summary>
    private static readonly Instrument[] Instruments =
    [
        new("orleansshop.webhooks.received", "Counter", "{delivery}", "orleansshop_webhooks_received_total"),
        new("orleansshop.webhooks.duration", "Histogram", "s", "orleansshop_webhooks_duration_seconds"),
        new("orleansshop.checkout.lookups", "Counter", "{lookup}", "orleansshop_checkout_lookups_total"),
        new("orleansshop.cod.verdicts", "Counter", "{order}", "orleansshop_cod_verdicts_total"),
        new("orleansshop.events.delivered", "Counter", "{attempt}", "orleansshop_events_delivered_total"),
        new("orleansshop.effects.pending", "ObservableGauge", "{effect}", "orleansshop_effects_pending"),
        new("orleansshop.effects.dead", "ObservableGauge", "{effect}", "orleansshop_effects_dead"),
        new("orleansshop.sms.awaiting_reply", "ObservableGauge", "{order}", "orleansshop_sms_awaiting_reply"),
        new("orleansshop.provider.calls", "Counter", "{call}", "orleansshop_provider_calls_total"),
        new("orleansshop.provider.duration", "Histogram", "s", "orleansshop_provider_duration_seconds"),
    ];

    /// <summary>Where instruments are created: every project the silos and the gateway are built from.</summary>
    private static readonly string[] SourceFolders = ["silo", "grains", "api"];

    private static readonly string[] HistogramSeries = ["_bucket", "_sum", "_count"];

    [Fact]
    public void The_listed_instruments_are_the_ones_the_code_creates_with_their_kind_unit_and_exposed_name()
    {
        var sources = SourceFiles().Select(File.ReadAllText).ToList();
        var created = sources.SelectMany(s => CreatedName().Matches(s)).Select(m => m.Groups["name"].Value)
            .Where(n => n.StartsWith("orleansshop.", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(Instruments.Select(i => i.Name).Order(StringComparer.Ordinal), created);
        var declared = sources.SelectMany(s => CreatedWithUnit().Matches(s))
            .Select(m => (Name: m.Groups["name"].Value, Kind: m.Groups["kind"].Value, Unit: m.Groups["unit"].Value)).ToList();
        foreach (var instrument in Instruments)
        {
            Assert.Contains((instrument.Name, instrument.Kind, instrument.Unit), declared);
            Assert.Equal(ExposedName(instrument), instrument.Exposed);
        }
    }

    [Fact]
    public void Every_orleansshop_metric_the_dashboard_queries_is_one_the_silos_expose_and_each_instrument_is_shown()
    {
        var queries = DashboardQueries();
        Assert.NotEmpty(queries);
        var exposed = Instruments.SelectMany(Series).ToHashSet(StringComparer.Ordinal);
        var used = queries.SelectMany(q => MetricName().Matches(q.Expression).Select(m => (q.Panel, Name: m.Value))).ToList();

        Assert.Empty(used.Where(u => !exposed.Contains(u.Name)).Select(u => $"{u.Name} (panel '{u.Panel}') is exposed by no instrument"));
        Assert.Empty(Instruments.Where(i => !used.Any(u => Series(i).Contains(u.Name))).Select(i => $"{i.Exposed} is on no panel"));
    }

    [Fact]
    public void The_dashboard_queries_the_provisioned_datasource_and_grafana_loads_it_from_the_mounted_folder()
    {
        var uid = Assert.Single(DatasourceUid().Matches(Read(Datasource))).Groups[1].Value;
        using var dashboard = JsonDocument.Parse(Read(Dashboard));

        Assert.All(Panels(dashboard.RootElement), panel => Assert.Equal(uid, panel.GetProperty("datasource").GetProperty("uid").GetString()));
        Assert.Equal("orleansshop", dashboard.RootElement.GetProperty("uid").GetString());
        Assert.Contains("path: /etc/grafana/dashboards", Read(DashboardProvider), StringComparison.Ordinal);
        Assert.Contains("./monitoring/grafana/dashboards:/etc/grafana/dashboards", Read(Compose), StringComparison.Ordinal);
        Assert.Contains("./monitoring/grafana/provisioning:/etc/grafana/provisioning", Read(Compose), StringComparison.Ordinal);
    }

    [Fact]
    public void Prometheus_scrapes_every_silo_service_of_the_compose_file_and_the_gateway()
    {
        var compose = Read(Compose);
        var silos = SiloService().Matches(compose).Select(m => m.Groups["name"].Value).ToList();
        var jobs = ScrapeJobs().Matches(Read(PrometheusConfig)).ToDictionary(m => m.Groups["job"].Value, m => m.Groups["body"].Value, StringComparer.Ordinal);

        Assert.NotEmpty(silos);
        Assert.Contains($"./{PrometheusConfig}:/etc/prometheus/prometheus.yml", compose, StringComparison.Ordinal);
        Assert.All(silos, silo => Assert.Contains($"Membership__AdvertisedAddress: http://{silo}:8080", compose, StringComparison.Ordinal));
        Assert.Equal(silos.Select(s => $"{s}:8080").Order(StringComparer.Ordinal), Targets(jobs["silo"]));
        Assert.Equal("gateway:8080", Assert.Single(Targets(jobs["gateway"])));
        Assert.All(jobs.Values, body => Assert.Contains("metrics_path: /metrics", body, StringComparison.Ordinal));
    }

    private static string ExposedName(Instrument instrument)
    {
        var unit = instrument.Unit switch
        {
            "s" => "_seconds",
            var braced when braced.StartsWith('{') => string.Empty,
            var other => throw new NotSupportedException($"Unit '{other}' of {instrument.Name}: teach the test how the exporter names it."),
        };
        var kind = instrument.Kind switch
        {
            "Counter" => "_total",
            "Histogram" or "ObservableGauge" => string.Empty,
            var other => throw new NotSupportedException($"Instrument kind {other} of {instrument.Name}: teach the test how the exporter names it."),
        };
        return instrument.Name.Replace('.', '_') + unit + kind;
    }

    /// <summary>The series names Prometheus stores for an instrument.</summary>
    private static IEnumerable<string> Series(Instrument instrument) =>
        instrument.Kind == "Histogram" ? HistogramSeries.Select(s => instrument.Exposed + s) : [instrument.Exposed];

    private static List<(string Panel, string Expression)> DashboardQueries()
    {
        using var dashboard = JsonDocument.Parse(Read(Dashboard));
        return Panels(dashboard.RootElement)
            .SelectMany(panel => panel.TryGetProperty("targets", out var targets)
                ? targets.EnumerateArray().Select(t => (Panel: panel.GetProperty("title").GetString()!, Expression: t.GetProperty("expr").GetString()!))
                : Enumerable.Empty<(string Panel, string Expression)>())
            .ToList();
    }

    /// <summary>Every panel, including those inside rows.</summary>
    private static List<JsonElement> Panels(JsonElement container) =>
        container.TryGetProperty("panels", out var panels)
            ? panels.EnumerateArray().SelectMany(p => Panels(p).Prepend(p)).Where(p => p.GetProperty("type").GetString() != "row").ToList()
            : [];

    private static List<string> Targets(string job) => ScrapeTarget().Matches(job).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();

    private static IEnumerable<string> SourceFiles() =>
        SourceFolders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(segment => segment is "bin" or "obj"));

    private static string Read(string relativePath) => File.ReadAllText(Path.Combine(RepositoryFiles.Root, relativePath));

    private sealed record Instrument(string Name, string Kind, string Unit, string Exposed);

    private const string Kinds = "Counter|Histogram|UpDownCounter|Gauge|ObservableCounter|ObservableGauge|ObservableUpDownCounter";

    /// <summary><c>meter.CreateCounter&lt;long&gt;("name"</c>: the name of every instrument created with a literal name.</summary>
    [GeneratedRegex(@"\.Create(?:" + Kinds + @")(?:<\w+>)?\(\s*""(?<name>[^""]+)""")]
    private static partial Regex CreatedName();

    /// <summary>The kind, name and unit: the unit is the next string argument (after a gauge's callback, which has no string in it).</summary>
    [GeneratedRegex(@"\.Create(?<kind>" + Kinds + @")(?:<\w+>)?\(\s*""(?<name>[^""]+)""\s*,\s*(?:[^"";]*?,\s*)?""(?<unit>[^""]*)""")]
    private static partial Regex CreatedWithUnit();

    [GeneratedRegex(@"orleansshop_[a-z0-9_]+")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"^\s*uid:\s*(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex DatasourceUid();

    /// <summary>A compose service built on the <c>x-silo</c> anchor.</summary>
    [GeneratedRegex(@"^  (?<name>[a-z0-9_-]+):\r?\n    <<: \*silo\s*$", RegexOptions.Multiline)]
    private static partial Regex SiloService();

    [GeneratedRegex(@"- job_name: (?<job>[a-z_]+)(?<body>(?:(?!- job_name:).)*)", RegexOptions.Singleline)]
    private static partial Regex ScrapeJobs();

    [GeneratedRegex(@"""([a-z0-9.-]+:[0-9]+)""")]
    private static partial Regex ScrapeTarget();
}
