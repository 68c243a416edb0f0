using Microsoft.Extensions.DependencyInjection;
using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Reputation;
using OrleansShop.Grains.Sandbox;
using OrleansShop.Grains.Shipping;
using OrleansShop.Grains.Shops;
using OrleansShop.Grains.Sms;
using OrleansShop.Runtime.Hosting;

namespace OrleansShop.Grains.Hosting;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>Every OrleansShop grain.</summary>
    public static IServiceCollection AddShopGrains(this IServiceCollection services)
    {
        services.AddGrain<IShopGrain, ShopGrain>();
        services.AddGrain<IOrderGrain, OrderGrain>();
        services.AddGrain<ISmsConfirmationGrain, SmsConfirmationGrain>();
        services.AddGrain<ISmsReplyGrain, SmsReplyGrain>();
        services.AddGrain<ISmsInboxCursorGrain, SmsInboxCursorGrain>();
        services.AddGrain<ISandboxSmsGrain, SandboxSmsGrain>();
        services.AddGrain<IBuyerReputationGrain, BuyerReputationGrain>();
        services.AddGrain<IReputationReportGrain, ReputationReportGrain>();
        services.AddGrain<IShipmentGrain, ShipmentGrain>();
        services.AddGrain<ISandboxCarrierGrain, SandboxCarrierGrain>();
        services.AddGrain<IUpstreamReputationCacheGrain, UpstreamReputationCacheGrain>();
        services.AddGrain<ISandboxReputationGrain, SandboxReputationGrain>();
        return services;
    }
}
