using Microsoft.Playwright;

namespace OrleansShop.Tests.Silo.Console.Browser;

/// <summary>
/// The console's pictures for the README: written to <c>ORLEANSSHOP_SCREENSHOTS</c> when it is set
/// (<c>ORLEANSSHOP_SCREENSHOTS=docs/screenshots ./test.sh --filter FullyQualifiedName~Browser</c>),
/// else beside the test assembly, so that every run takes them and a plain run changes no tracked file.
/// </summary>
internal static class Screenshots
{
    public static Task TakeAsync(IPage page, string name) => SaveAsync(name, path => page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true }));

    /// <summary>One part of a page, e.g. a settings card.</summary>
    public static Task TakeAsync(ILocator part, string name) => SaveAsync(name, path => part.ScreenshotAsync(new LocatorScreenshotOptions { Path = path }));

    private static async Task SaveAsync(string name, Func<string, Task<byte[]>> take)
    {
        var folder = Environment.GetEnvironmentVariable("ORLEANSSHOP_SCREENSHOTS") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{name}.png");
        await take(path);
        Assert.True(new FileInfo(path).Length > 10_000, $"the screenshot {path} shows the page");
    }
}
