using System.Text;
using Microsoft.Extensions.Options;
using OrleansShop.Silo.Providers.UtanvetEllenor;

namespace OrleansShop.Tests.Silo.Providers.UtanvetEllenor;

/// <summary>Keys, a buyer and clients the Utánvét Ellenőr tests share.</summary>
internal static class UtanvetEllenorTesting
{
    public const string PublicKey = "pub-7f3a9c";

    /// <summary>Has a colon and a Hungarian letter: Basic auth must carry it whole, as UTF-8.</summary>
    public const string PrivateKey = "priv:ő-55e1";

    public const string Email = "Kovacs.Janos+cod@Example.hu";
    public const string Phone = "+36209238883";
    public const string PostalCode = "8640";
    public const string AddressLine = "Szigligeti utca 10.";

    /// <summary>80 % on the provider's scale.</summary>
    public const double Threshold = 0.6;

    private static readonly HttpClient Http = new();

    public static UtanvetEllenorBuyer Buyer => new(Email);

    public static UtanvetEllenorBuyer FullBuyer => new(Email, "HU", Phone, PostalCode, AddressLine);

    public static UtanvetEllenorCredentials Credentials(Uri baseAddress) => new(baseAddress, PublicKey, PrivateKey);

    public static UtanvetEllenorClient Client(TimeSpan? timeout = null, int maxResponseBytes = 64 * 1024) =>
        new(Http, Options.Create(new UtanvetEllenorOptions { RequestTimeout = timeout ?? TimeSpan.FromSeconds(10), SignalTimeout = timeout ?? TimeSpan.FromSeconds(10), MaxResponseBytes = maxResponseBytes }));

    public static string ExpectedAuthorization => $"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"{PublicKey}:{PrivateKey}"))}";

    /// <summary>Whatever happened, a printed result must carry no personal data, no key and none of the answer's own words.</summary>
    public static void AssertNothingSecret(string printed, params string[] more)
    {
        Assert.False(string.IsNullOrWhiteSpace(printed));
        foreach (var value in more.Concat([Email, Email.ToLowerInvariant(), "Kovacs", Phone, "36209238883", AddressLine, PublicKey, PrivateKey]))
        {
            Assert.DoesNotContain(value, printed, StringComparison.OrdinalIgnoreCase);
        }
    }
}
