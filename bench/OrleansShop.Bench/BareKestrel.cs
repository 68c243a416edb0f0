namespace OrleansShop.Bench;

/// <summary>
/// The ceiling for lookups: the same HTTP stack as the silo (Kestrel, minimal APIs), answering a
/// constant of the eligibility answer's size, with no grain, no storage and no hashing.
/// </summary>
internal static class BareKestrel
{
    private const string Answer =
        """{"codAllowed":true,"smsConfirmationRequired":false,"thresholdPercent":80,"reputation":{"known":true,"collected":23,"notCollected":3,"ratePercent":88.46},"reasons":["rate 88.46% is at or above the threshold 80%"]}""";

    public static async Task<int> RunAsync(string urls)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls);
        var app = builder.Build();
        app.MapPost("/v1/shops/{shopId}/cod-eligibility", () => Results.Text(Answer, "application/json"));
        await app.RunAsync();
        return 0;
    }
}
