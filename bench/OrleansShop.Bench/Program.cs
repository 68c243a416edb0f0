using OrleansShop.Bench;

// bench.sh runs each mode as its own process; see README.md, "Benchmark".
return args switch
{
    ["kestrel", var urls] => await BareKestrel.RunAsync(urls),
    ["drive", .. var rest] => await Driver.RunAsync(DriveOptions.Parse(rest)),
    ["memory", var activations] => await ActivationMemory.RunAsync(int.Parse(activations, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine(
        """
        usage: OrleansShop.Bench kestrel <urls>
               OrleansShop.Bench drive --silo <url> --kestrel <url> --admin-token <token> --pgbench-tps <n> [--connections 64] [--seconds 15]
               OrleansShop.Bench memory <activations>
        """);
    return 2;
}
