using OrleansShop.Silo.Hosting;

return await SiloApplication.RunAsync(args);
