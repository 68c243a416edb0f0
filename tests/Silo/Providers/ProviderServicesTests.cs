using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using OrleansShop.Effects;
using OrleansShop.Silo.Providers;
using OrleansShop.Silo.Providers.Netgsm;
using OrleansShop.Silo.Providers.Platforms;
using OrleansShop.Silo.Providers.Sandbox;
using OrleansShop.Silo.Providers.Smtp;
using OrleansShop.Silo.Providers.Szamlahegy;
using OrleansShop.Silo.Providers.TrustedShops;
using OrleansShop.Silo.Providers.UtanvetEllenor;
using OrleansShop.Silo.Providers.Yurtici;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Providers;

/// <summary>
/// <c>Providers:Mode</c> is read once, when the providers are registered: each provider kind is one
/// implementation for the silo's life, and nothing after registration asks which mode it is in.
/// </summary>
public sealed class ProviderServicesTests
{
    [Fact]
    public async Task In_sandbox_mode_every_kind_is_the_sandbox_every_connector_is_registered_once_and_the_sandbox_routes_answer()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var silo = scope.Cluster.Primary;

        Assert.IsType<SandboxSmsGateway>(silo.Services.GetRequiredService<ISmsGateway>());
        Assert.IsType<SandboxMailer>(silo.Services.GetRequiredService<IMailer>());
        Assert.IsType<SandboxCarrier>(silo.Services.GetRequiredService<ICarrier>());
        Assert.IsType<SandboxInvoicer>(silo.Services.GetRequiredService<IInvoicer>());
        Assert.IsType<SandboxReviewProvider>(silo.Services.GetRequiredService<IReviewProvider>());
        Assert.IsType<SandboxReputationProvider>(silo.Services.GetRequiredService<IReputationProvider>());
        Assert.IsType<SandboxPlatformWriter>(silo.Services.GetRequiredService<IPlatformWriter>());
        Assert.Null(silo.Services.GetService<NetgsmClient>()); // no live client exists to be called by mistake
        Assert.DoesNotContain(silo.Services.GetServices<IHostedService>(), s => s is NetgsmInboxPoller);
        Assert.Equal(HttpStatusCode.OK, (await silo.CreateClient().GetAsync("/v1/sandbox/sms")).StatusCode);

        // Every connector once, by the name effects are addressed to.
        var connectors = silo.Services.GetServices<IExternalCallHandler>().Select(h => h.Connector).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["carrier", "invoicing", "mail", "platform", "reputation-provider", "shop-callback", "sms", "trustedShops"], connectors);
    }

    [Fact]
    public async Task In_live_mode_every_kind_is_the_live_provider_and_the_sandbox_routes_are_gone()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1, new Dictionary<string, string?> { ["Providers:Mode"] = "live" });
        var silo = scope.Cluster.Primary;

        Assert.IsType<NetgsmSmsGateway>(silo.Services.GetRequiredService<ISmsGateway>());
        Assert.IsType<SmtpMailer>(silo.Services.GetRequiredService<IMailer>());
        Assert.IsType<YurticiCarrier>(silo.Services.GetRequiredService<ICarrier>());
        Assert.IsType<SzamlahegyInvoicer>(silo.Services.GetRequiredService<IInvoicer>());
        Assert.IsType<TrustedShopsReviewProvider>(silo.Services.GetRequiredService<IReviewProvider>());
        Assert.IsType<UtanvetEllenorReputationProvider>(silo.Services.GetRequiredService<IReputationProvider>());
        Assert.IsType<LivePlatformWriter>(silo.Services.GetRequiredService<IPlatformWriter>());
        Assert.Contains(silo.Services.GetServices<IHostedService>(), s => s is NetgsmInboxPoller);

        foreach (var path in new[] { "/v1/sandbox/sms", "/v1/sandbox/mail", "/v1/sandbox/shipments", "/v1/sandbox/invoices", "/v1/sandbox/reviews", "/v1/sandbox/reputation/signals", "/v1/sandbox/platform" })
        {
            var answer = await silo.CreateClient().GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
            Assert.Equal("The sandbox is off: Providers:Mode is live.", JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await silo.CreateClient(bearer: null).GetAsync("/v1/sandbox/sms")).StatusCode);
    }

    [Fact]
    public void Only_registration_reads_the_mode_and_no_provider_client_makes_its_own_HttpClient()
    {
        var silo = Path.Combine(RepositoryFiles.Root, "silo");
        var sources = Directory.EnumerateFiles(silo, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Name: Path.GetRelativePath(silo, f).Replace(Path.DirectorySeparatorChar, '/'), Text: File.ReadAllText(f)))
            .ToList();
        Assert.True(sources.Count > 100, "the silo's sources were found");

        string[] registration = ["Providers/ProvidersOptions.cs", "Providers/ProviderServices.cs", "Hosting/SiloApplication.cs"];
        Assert.Empty(sources.Where(s => (s.Text.Contains("IsSandbox", StringComparison.Ordinal) || s.Text.Contains("Providers:Mode\"]", StringComparison.Ordinal)) && !registration.Contains(s.Name)).Select(s => s.Name));
        Assert.Empty(sources.Where(s => s.Text.Contains("new HttpClient(", StringComparison.Ordinal)).Select(s => s.Name));
    }
}
