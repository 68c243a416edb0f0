using Microsoft.Extensions.Options;
using OrleansShop.Silo.Providers.Netgsm;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Providers.Netgsm;

/// <summary>Credentials and clients the Netgsm tests share.</summary>
internal static class NetgsmTesting
{
    public const string UserCode = "8501234567";

    /// <summary>Has a colon and a Turkish letter: Basic auth must carry it whole, as UTF-8.</summary>
    public const string Password = "s3cr:et-ş";

    public const string Header = "DEMOSHOP";

    public const string Number = "5321234567";

    private static readonly HttpClient Http = new();

    public static NetgsmCredentials Credentials(Uri baseAddress) => new(baseAddress, UserCode, Password);

    public static NetgsmClient Client(TimeSpan? timeout = null, int maxResponseBytes = 1 << 20) =>
        new(Http, Options.Create(new NetgsmOptions { Timeout = timeout ?? TimeSpan.FromSeconds(10), MaxResponseBytes = maxResponseBytes }));

    /// <summary>A loopback address nobody listens on: connections are refused.</summary>
    public static Uri ClosedPort() => Loopback.ClosedPort();

    /// <summary>Whatever the outcome, a meaning must never carry the password, the number or the text.</summary>
    public static void AssertNothingPersonal(string meaning, params string[] personal)
    {
        Assert.False(string.IsNullOrWhiteSpace(meaning));
        foreach (var value in personal.Append(Password).Append(Number))
        {
            Assert.DoesNotContain(value, meaning, StringComparison.Ordinal);
        }
    }
}
