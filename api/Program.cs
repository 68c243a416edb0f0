using OrleansShop.Gateway.Hosting;

return await GatewayApplication.RunAsync(args);
