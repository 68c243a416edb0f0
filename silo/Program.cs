using OrleansShop.Silo.Hosting;

var app = SiloApplication.Create(args);
await app.RunAsync();
