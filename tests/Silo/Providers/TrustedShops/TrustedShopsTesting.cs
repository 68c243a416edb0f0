using Microsoft.Extensions.Options;
using OrleansShop.Silo.Providers.TrustedShops;

namespace OrleansShop.Tests.Silo.Providers.TrustedShops;

/// <summary>Credentials, a checkout and clients the Trusted Shops tests share.</summary>
internal static class TrustedShopsTesting
{
    public const string ClientId = "client-7f3a";
    public const string ClientSecret = "s3cr3t:ő-55e1";
    public const string ChannelId = "chl-b3c1d4e5-0000-4a1b-9c2d-0123456789ab";
    public const string Email = "Kovacs.Janos+shop@Example.hu";
    public const string Tsid = "X1234567890ABCDEF1234567890ABCDEF";
    public const string ProtectionUser = "ws-user-1";
    public const string ProtectionPassword = "ws-pass:ő-1";

    private static readonly HttpClient Http = new();

    public static ETrustedCredentials Credentials => new(ClientId, ClientSecret, ChannelId);

    /// <summary>An order's event, of the type most eTrusted accounts invite on.</summary>
    public static CheckoutEvent Checkout => new("delivery", Email, "Kovács", "János", "10023", new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero), new DateOnly(2026, 11, 22),
        [new CheckoutProduct("SKU-1", "Linen shirt")]);

    public static TrustedShopsOptions Options(Uri address, TimeSpan? timeout = null) => new()
    {
        LoginAddress = address,
        ApiAddress = address,
        ProtectionAddress = new Uri(address, "ts/protectionservices/ApplicationRequestService"),
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
    };

    public static ETrustedClient Client(Uri address, TimeProvider? time = null, TimeSpan? timeout = null)
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options(address, timeout));
        return new(Http, options, new ETrustedTokens(time ?? TimeProvider.System, options));
    }

    /// <summary>Whatever happened, a printed result or request must carry no secret and no address.</summary>
    public static void AssertNothingSecret(string printed)
    {
        Assert.False(string.IsNullOrWhiteSpace(printed));
        foreach (var value in new[] { ClientSecret, Email, Email.ToLowerInvariant(), "Kovacs.Janos", ProtectionPassword })
        {
            Assert.DoesNotContain(value, printed, StringComparison.OrdinalIgnoreCase);
        }
    }
}
