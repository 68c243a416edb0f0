using System.Net;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansShop.Effects;
using OrleansShop.Silo.Observability;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Hosting;

/// <summary>The Orleans silo this process hosts beside its HTTP endpoints (<c>UseOrleans</c>).</summary>
internal static class OrleansSilo
{
    /// <summary>
    /// Orleans on the shop's database (<see cref="ShopStorageSiloBuilderExtensions.UseShopStorage"/>),
    /// on the ports of <see cref="SiloPorts"/>, with grain messages and state in OrleansShop's JSON,
    /// and effects in grain state. Orleans' own options bind from section <c>Orleans</c>:
    /// <c>Orleans:Membership</c> (<c>ClusterMembershipOptions</c>), <c>Orleans:GrainCollection</c>,
    /// <c>Orleans:Messaging</c> (<c>SiloMessagingOptions</c>) and <c>Orleans:ReminderService</c> (<c>ReminderOptions</c>; <c>Orleans:Reminders</c> is Orleans' own provider section).
    /// </summary>
    public static WebApplicationBuilder AddOrleansSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.UseOrleans(silo =>
        {
            var (siloPort, gatewayPort) = SiloPorts.Resolve(configuration);
            silo.UseShopStorage();
            silo.Configure<EndpointOptions>(endpoints =>
            {
                endpoints.SiloPort = siloPort;
                endpoints.GatewayPort = gatewayPort;
                if (configuration.GetValue<int?>("Orleans:SiloListeningPort") is { } listening)
                {
                    // Behind a port mapping or a proxy: advertise SiloPort, listen here.
                    endpoints.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, listening);
                }
                if (AdvertisedIp(configuration) is { } ip)
                {
                    endpoints.AdvertisedIPAddress = ip;
                }
            });
            silo.Services.AddSerializer(serializer => serializer.AddJsonSerializer(IsOurs, GrainJson.Options));
            silo.Services.AddKeyedSingleton<IGrainStorageSerializer, Effects.JsonGrainStorageSerializer>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
            silo.Configure<ClusterMembershipOptions>(configuration.GetSection("Orleans:Membership"));
            silo.Configure<GrainCollectionOptions>(configuration.GetSection("Orleans:GrainCollection"));
            silo.Configure<SiloMessagingOptions>(configuration.GetSection("Orleans:Messaging"));
            silo.Configure<ReminderOptions>(configuration.GetSection("Orleans:ReminderService"));
            silo.AddEffects();
            silo.AddActivityPropagation(); // a trace follows a request through its grain calls
            silo.AddOperatorDashboard(configuration);
        });
        return builder;
    }

    /// <summary>Our messages and states travel as JSON; Orleans' own types keep Orleans' serializer.</summary>
    private static bool IsOurs(Type type) =>
        type.Namespace?.StartsWith("OrleansShop", StringComparison.Ordinal) == true && !typeof(Exception).IsAssignableFrom(type);

    /// <summary>
    /// <c>Orleans:AdvertisedIP</c> when set; loopback when the silo serves HTTP on loopback only (a
    /// laptop, the tests, cluster.sh); otherwise Orleans picks the host's address (containers).
    /// </summary>
    private static IPAddress? AdvertisedIp(ConfigurationManager configuration)
    {
        if (configuration["Orleans:AdvertisedIP"] is { Length: > 0 } configured)
        {
            return IPAddress.Parse(configured);
        }

        var urls = (configuration["urls"] ?? SiloApplication.DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries);
        return urls.All(IsLoopback) ? IPAddress.Loopback : null;
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)));
}
