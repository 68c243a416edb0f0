using Microsoft.Extensions.Options;
using OrleansShop.Gateway.Hosting;
using OrleansShop.Tests.Silo.Hosting;

namespace OrleansShop.Tests.Api.Hosting;

/// <summary>The gateway's start with a bad setting, in process and as the process an operator runs; no cluster needed.</summary>
public sealed class GatewayApplicationTests : IDisposable
{
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("orleansshop-gateway-").FullName;

    [Fact]
    public async Task Gateway_options_out_of_range_stop_the_start_with_the_key_named()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var gateway = GatewayApplication.Create(["--urls", "http://127.0.0.1:0", "--Storage:ConnectionString=Host=127.0.0.1", "--Gateway:RateLimit:Burst=0"]);
            await gateway.StartAsync();
        });

        Assert.Contains("Gateway:RateLimit:Burst", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Gateway:ProbeTimeout must be positive and at most Gateway:ProbeInterval.", "--Storage:ConnectionString=Host=127.0.0.1", "--Gateway:ProbeTimeout=00:00:05")]
    [InlineData("Storage:ConnectionString is required when Storage:Provider is postgres.")]
    public async Task An_invalid_setting_stops_the_gateway_at_start_naming_the_key(string message, params string[] settings)
    {
        await using var gateway = SiloProcess.StartGateway(_workingDirectory, ["--urls", $"http://127.0.0.1:{EmbeddedDefaultTests.FreePort()}", .. settings]);

        await gateway.WaitForOutputAsync($"OrleansShop gateway cannot start: {message}", TimeSpan.FromSeconds(60));
        Assert.Equal(1, await gateway.ExitAsync(TimeSpan.FromSeconds(30))); // it ends by itself, not by a signal
        Assert.DoesNotMatch(@"(?m)^\s+at ", gateway.Output); // one line, no stack trace (whose frames start "   at "; a message may say "at least")
    }

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);
}
