using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrleansShop.Tests.Api;

/// <summary>
/// A loopback "silo" that is ready (<c>/readyz</c> answers 200) but dies under every other request:
/// it reads the whole request, then resets the connection without a byte of answer, as a silo
/// killed mid-request does.
/// </summary>
internal sealed class DyingSilo : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _dropped;

    public DyingSilo()
    {
        _listener.Start();
        Address = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = AcceptAsync();
    }

    public string Address { get; }

    /// <summary>Requests it received in full and dropped.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        var received = new StringBuilder();
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                received.Append(Encoding.Latin1.GetString(buffer, 0, read));
                var text = received.ToString();
                var headersEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (headersEnd < 0 || text.Length - headersEnd - 4 < ContentLength(text[..headersEnd]))
                {
                    continue;
                }

                if (text.StartsWith("GET /readyz ", StringComparison.Ordinal))
                {
                    await socket.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"), _stop.Token);
                    received.Clear();
                    continue;
                }

                Interlocked.Increment(ref _dropped);
                socket.LingerState = new LingerOption(true, 0); // close with RST, as the kernel does for a killed process
                return;
            }
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            // the gateway went away
        }
    }

    private static int ContentLength(string headers) =>
        headers.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) is { } header
            ? int.Parse(header["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
