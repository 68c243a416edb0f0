using System.Net;
using System.Text.RegularExpressions;

namespace OrleansShop.Tests.Silo.Console;

/// <summary>The console over plain HTTP, as a browser without script would use it: its own cookies, no redirects followed.</summary>
internal sealed partial class ConsoleClient : IDisposable
{
    private readonly HttpClient _http;

    public ConsoleClient(Uri baseAddress, CookieContainer? cookies = null)
    {
        Cookies = cookies ?? new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    }

    public CookieContainer Cookies { get; }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    /// <summary>Posts a form the way the page's own form would, with the antiforgery token the page carries.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pagePath, string handler, IDictionary<string, string> fields, bool withToken = true, string? action = null)
    {
        var page = await (await _http.GetAsync(pagePath)).Content.ReadAsStringAsync();
        var form = new Dictionary<string, string>(fields) { ["_handler"] = handler };
        if (withToken)
        {
            form["__RequestVerificationToken"] = TokenPattern().Match(page).Groups[1].Value;
        }

        return await _http.PostAsync(action ?? pagePath, new FormUrlEncodedContent(form));
    }

    public Task<HttpResponseMessage> SignInAsync(string key) => PostFormAsync("/console", "sign-in", new Dictionary<string, string> { ["Form.Key"] = key });

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
