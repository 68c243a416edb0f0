using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace OrleansShop.Tests.Infrastructure;

/// <summary>
/// A loopback TCP forwarder that a test can cut: every open connection drops at once and new
/// ones are refused until it is restored. It stands between a silo and PostgreSQL to make the
/// database unreachable for that silo alone, or to take a silo off the network as a crash would.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly string _upstreamHost;
    private readonly int _upstreamPort;
    private readonly ConcurrentDictionary<Guid, (TcpClient Client, TcpClient Upstream)> _connections = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private volatile bool _cut;
    private int _disposed;

    /// <param name="listenPort">The port to listen on; 0 for any free one.</param>
    public TcpProxy(string upstreamHost, int upstreamPort, int listenPort = 0)
    {
        _listener = new TcpListener(IPAddress.Loopback, listenPort);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _upstreamHost = upstreamHost;
        _upstreamPort = upstreamPort;
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Cut()
    {
        _cut = true;
        foreach (var (id, pair) in _connections)
        {
            Close(pair);
            _connections.TryRemove(id, out _);
        }
    }

    public void Restore() => _cut = false;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        try
        {
            await _acceptLoop;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopped
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            if (_cut)
            {
                client.Client.LingerState = new LingerOption(true, 0); // reset, not a polite close
                client.Dispose();
                continue;
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        var upstream = new TcpClient();
        var id = Guid.NewGuid();
        try
        {
            await upstream.ConnectAsync(_upstreamHost, _upstreamPort, _stop.Token);
            _connections[id] = (client, upstream);
            if (_cut)
            {
                return;
            }

            var clientStream = client.GetStream();
            var upstreamStream = upstream.GetStream();
            await Task.WhenAny(clientStream.CopyToAsync(upstreamStream, _stop.Token), upstreamStream.CopyToAsync(clientStream, _stop.Token));
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // one side went away
        }
        finally
        {
            _connections.TryRemove(id, out _);
            Close((client, upstream));
        }
    }

    private static void Close((TcpClient Client, TcpClient Upstream) pair)
    {
        foreach (var socket in new[] { pair.Client, pair.Upstream })
        {
            try
            {
                if (socket.Client is { } open)
                {
                    open.LingerState = new LingerOption(true, 0);
                }
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                // already closed
            }

            socket.Dispose();
        }
    }
}
