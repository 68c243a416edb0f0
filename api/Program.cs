using OrleansShop.Gateway.Hosting;

await GatewayApplication.Create(args).RunAsync();
