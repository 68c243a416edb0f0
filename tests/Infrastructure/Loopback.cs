using System.Net;
using System.Net.Sockets;

namespace OrleansShop.Tests.Infrastructure;

/// <summary>Loopback addresses for connector tests.</summary>
internal static class Loopback
{
    /// <summary>A loopback address nobody listens on: connections are refused.</summary>
    public static Uri ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
