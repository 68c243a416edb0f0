using System.Diagnostics;
using System.Globalization;

namespace OrleansShop.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server of one test's own, for what the shared test server cannot do: restart.
/// Started from the binaries ./test.sh found (ORLEANSSHOP_TEST_PG_BIN); as root it runs as the
/// postgres user, since PostgreSQL refuses to run as root.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _directory;

    private PrivatePostgres(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=3";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = Environment.GetEnvironmentVariable("ORLEANSSHOP_TEST_PG_BIN") is { Length: > 0 } configured
            ? configured
            : Directory.GetDirectories("/usr/lib/postgresql").Order().Last() + "/bin";
        var directory = Directory.CreateTempSubdirectory("orleansshop-private-pg.").FullName;
        await RunAsync("chmod", "755", directory);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres:postgres", directory);
        }

        var postgres = new PrivatePostgres(bin, directory, Loopback.ClosedPort().Port);
        await postgres.AsPostgresAsync("initdb", "-D", postgres.Data, "-A", "trust", "-U", "postgres", "--no-sync");
        await postgres.StartServerAsync();
        return postgres;
    }

    private string Data => Path.Combine(_directory, "data");

    /// <summary>Stops the server (fast: connections are dropped), waits <paramref name="downtime"/>, starts it again.</summary>
    public async Task RestartAsync(TimeSpan downtime)
    {
        await StopServerAsync("fast");
        await Task.Delay(downtime);
        await StartServerAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopServerAsync("immediate");
        Directory.Delete(_directory, recursive: true);
    }

    private Task StartServerAsync() => AsPostgresAsync("pg_ctl", "-D", Data, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port.ToString(CultureInfo.InvariantCulture)} -k {_directory} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off", "start");

    private Task StopServerAsync(string mode) => AsPostgresAsync("pg_ctl", "-D", Data, "-m", mode, "-w", "stop");

    private Task AsPostgresAsync(string tool, params string[] args) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
            : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} failed: {await output}{await errors}");
    }
}
