using System.Net;
using System.Net.Sockets;

namespace OrleansShop.Silo.Hosting;

/// <summary>
/// The Orleans silo-to-silo and gateway ports: <c>Orleans:SiloPort</c> and <c>Orleans:GatewayPort</c>
/// when configured (containers, production); otherwise free ones, so that several silos start on
/// one machine with nothing but different <c>--urls</c>. Orleans refuses port 0 itself and
/// advertises the ports it is given through membership. Behind a port mapping,
/// <c>Orleans:SiloListeningPort</c> is the port the silo binds while it advertises <c>Orleans:SiloPort</c>.
/// </summary>
internal static class SiloPorts
{
    /// <summary>A free port for Orleans to bind.</summary>
    public static int Free() => FreePort();

    public static (int Silo, int Gateway) Resolve(IConfiguration configuration) =>
        (configuration.GetValue<int?>("Orleans:SiloPort") ?? FreePort(), configuration.GetValue<int?>("Orleans:GatewayPort") ?? FreePort());

    // Below Linux's ephemeral range (32768+), so that an outgoing connection opened between this
    // check and Orleans' bind cannot have taken the port meanwhile.
    private const int FirstPort = 20000;
    private const int LastPort = 32000;

    private static int FreePort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(FirstPort, LastPort);
            try
            {
                using var listener = new TcpListener(IPAddress.Any, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken: try another
            }
        }

        throw new InvalidOperationException($"No free port between {FirstPort} and {LastPort} for Orleans; set Orleans:SiloPort and Orleans:GatewayPort.");
    }
}
