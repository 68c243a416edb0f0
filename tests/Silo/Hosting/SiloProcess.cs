using System.Diagnostics;
using System.Text;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Hosting;

/// <summary>The built silo (or gateway) started as its own process, the way a user runs it.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    /// <summary>Starts <c>dotnet OrleansShop.Silo.dll</c> in <paramref name="workingDirectory"/> with no configuration but <paramref name="args"/>.</summary>
    public static SiloProcess Start(string workingDirectory, params string[] args) => StartBuilt("silo", "OrleansShop.Silo.dll", workingDirectory, args);

    /// <summary>Starts the gateway, <c>dotnet OrleansShop.Gateway.dll</c>, the same way.</summary>
    public static SiloProcess StartGateway(string workingDirectory, params string[] args) => StartBuilt("api", "OrleansShop.Gateway.dll", workingDirectory, args);

    private static SiloProcess StartBuilt(string project, string assembly, string workingDirectory, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BuiltAssembly(project, assembly));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Nothing from the test run's environment may configure the silo.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal) || k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        return new SiloProcess(Process.Start(start)!);
    }

    /// <summary>A project's own build output, e.g. silo/bin/&lt;configuration&gt;/&lt;framework&gt;/OrleansShop.Silo.dll.</summary>
    private static string BuiltAssembly(string project, string assembly)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (testOutput.Name, testOutput.Parent!.Name);
        var path = Path.Combine(RepositoryFiles.Root, project, "bin", configuration, framework, assembly);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the solution first: {assembly} is missing.", path);
    }

    public async Task WaitForOutputAsync(string text, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(); // drains the redirected output
                if (Output.Contains(text, StringComparison.Ordinal))
                {
                    return;
                }
            }

            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The silo did not print '{text}'. It printed:\n{Output}");
            }

            await Eventually.NextLookAsync();
        }
    }

    /// <summary>Waits for the silo to end by itself (a start refused for a bad setting), and answers its exit code.</summary>
    public async Task<int> ExitAsync(TimeSpan within)
    {
        await _process.WaitForExitAsync().WaitAsync(within);
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as systemd, Docker or Ctrl+C stop it.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: a crash, with no shutdown work at all.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
