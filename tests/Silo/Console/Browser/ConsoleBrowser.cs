using Microsoft.Playwright;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Console.Browser;

/// <summary>
/// A silo over PostgreSQL and Debian's Chromium driven by Playwright, shared by the browser tests
/// (one collection: each test works in a fresh browser context and shops of its own). Playwright's own browser download cannot work here, so the system browser is launched by
/// path (<c>ORLEANSSHOP_TEST_CHROMIUM</c>, which ./test.sh sets after installing it when missing).
/// </summary>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    public const string Collection = "Console in a browser";

    private IPlaywright? _playwright;

    public ClusterScope Scope { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress => Scope.Cluster.Primary.BaseAddress;

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("ORLEANSSHOP_TEST_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium is not at {chromium}: run ./test.sh, which installs Debian's chromium package when it is missing.");
        }

        Scope = await ClusterScope.StartAsync(silos: 1, settings: new Dictionary<string, string?> { ["Orleans:Dashboard:Enabled"] = "true" });
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // As root Chromium needs --no-sandbox; the rest keep it off a network that is closed here.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser profile (no cookies) that sends <paramref name="locale"/> as its Accept-Language.</summary>
    public async Task<IPage> NewPageAsync(string locale = "en-GB")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Scope is not null)
        {
            await Scope.DisposeAsync();
        }
    }
}

[CollectionDefinition(ConsoleBrowser.Collection)]
public sealed class ConsoleBrowserTests : ICollectionFixture<ConsoleBrowser>;
