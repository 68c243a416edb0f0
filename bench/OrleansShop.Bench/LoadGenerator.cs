using System.Diagnostics;

namespace OrleansShop.Bench;

/// <summary>What one phase measured: completed requests, failures, and latencies in ticks.</summary>
internal sealed class PhaseResult(int completed, int failed, TimeSpan elapsed, long[] latencies)
{
    public int Completed { get; } = completed;

    public int Failed { get; } = failed;

    public double Rate => Completed / elapsed.TotalSeconds;

    public double Percentile(double p)
    {
        if (latencies.Length == 0)
        {
            return double.NaN;
        }

        var index = Math.Clamp((int)Math.Ceiling(p / 100 * latencies.Length) - 1, 0, latencies.Length - 1);
        return latencies[index] * 1000.0 / Stopwatch.Frequency;
    }
}

/// <summary>
/// Sends requests over HTTP/1.1 keep-alive connections. <see cref="ClosedLoopAsync"/> keeps every
/// connection busy (the peak rate); <see cref="OpenLoopAsync"/> sends at a fixed rate and measures
/// each request from when it was due, so a stall counts against every request queued behind it.
/// </summary>
internal sealed class LoadGenerator(HttpClient http)
{
    public static HttpClient CreateClient(Uri baseAddress, int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    public async Task<PhaseResult> ClosedLoopAsync(int connections, TimeSpan duration, int maxRequests, Func<int, HttpRequestMessage> request)
    {
        var latencies = new long[maxRequests];
        var next = -1;
        var completed = 0;
        var failed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            int i;
            while (clock.Elapsed < duration && (i = Interlocked.Increment(ref next)) < maxRequests)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await SendAsync(request(i));
                latencies[i] = Stopwatch.GetTimestamp() - started;
                Interlocked.Increment(ref ok ? ref completed : ref failed);
            }
        })));
        var elapsed = clock.Elapsed;
        return new PhaseResult(completed, failed, elapsed, Sorted(latencies, Math.Min(next + 1, maxRequests)));
    }

    public async Task<PhaseResult> OpenLoopAsync(double rate, TimeSpan duration, Func<int, HttpRequestMessage> request)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new long[total];
        var completed = 0;
        var failed = 0;
        var inFlight = new List<Task>(total);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i / rate * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var index = i;
            inFlight.Add(Task.Run(async () =>
            {
                var ok = await SendAsync(request(index));
                latencies[index] = Stopwatch.GetTimestamp() - due; // from when it was due, not when it left
                Interlocked.Increment(ref ok ? ref completed : ref failed);
            }));
        }

        await Task.WhenAll(inFlight);
        return new PhaseResult(completed, failed, Stopwatch.GetElapsedTime(start), Sorted(latencies, total));
    }

    private async Task<bool> SendAsync(HttpRequestMessage request)
    {
        try
        {
            using (request)
            using (var response = await http.SendAsync(request))
            {
                await response.Content.LoadIntoBufferAsync();
                return response.IsSuccessStatusCode;
            }
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private static long[] Sorted(long[] latencies, int count)
    {
        var used = latencies.AsSpan(0, count).ToArray();
        Array.Sort(used);
        return used;
    }
}
