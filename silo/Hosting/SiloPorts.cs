using System.Net;
using System.Net.Sockets;

namespace OrleansShop.Silo.Hosting;

/// <summary>
/// The Orleans silo-to-silo and gateway ports: <c>Orleans:SiloPort</c> and <c>Orleans:GatewayPort</c>
/// when configured (containers, production); otherwise free ones, so that several silos start on
/// one machine with nothing but different <c>--urls</c>. Orleans refuses port 0 itself and
/// advertises the ports it is given through membership.
/// </summary>
internal static class SiloPorts
{
    public static (int Silo, int Gateway) Resolve(IConfiguration configuration) =>
        (configuration.GetValue<int?>("Orleans:SiloPort") ?? FreePort(), configuration.GetValue<int?>("Orleans:GatewayPort") ?? FreePort());

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
