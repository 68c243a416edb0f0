using System.Security.Cryptography;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using OrleansShop.Grains.Privacy;
using OrleansShop.Silo.Console.Authentication;
using OrleansShop.Silo.Console.Components;
using OrleansShop.Silo.Console.Localization;
using OrleansShop.Storage;

namespace OrleansShop.Silo.Console;

/// <summary>
/// The merchant console under <c>/console</c>: Razor components rendered on the server (no script),
/// a cookie session beside the API's bearer tokens, antiforgery on every form, four languages.
/// </summary>
internal static class ConsoleExtensions
{
    private const string StylesheetResource = "OrleansShop.Silo.Console.console.css";

    public static IServiceCollection AddConsole(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddLocalization();
        services.AddSingleton<ConsoleSignIn>();

        // Cookies and antiforgery tokens are protected with a key ring every silo of the service shares, sealed in the database.
        services.AddDataProtection().SetApplicationName("OrleansShop").PersistKeysToShopDatabase();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(options => options.XmlEncryptor = new SealedXmlEncryptor(sp.GetRequiredService<EmailSealer>())));
        services.AddAuthentication(ConsoleUser.Scheme).AddCookie(ConsoleUser.Scheme, options =>
        {
            options.Cookie.Name = ".OrleansShop.Console";
            options.Cookie.Path = ConsolePaths.Root;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure over HTTPS
            options.LoginPath = ConsolePaths.Root;
            options.AccessDeniedPath = ConsolePaths.Root;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = ValidateSessionAsync;

            // What a merchant may not open does not exist for them, as everywhere in the console.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(ConsoleUser.Policy, policy => policy.AddAuthenticationSchemes(ConsoleUser.Scheme).RequireAuthenticatedUser())
            .AddPolicy(ConsoleUser.OperatorPolicy, policy => policy.AddAuthenticationSchemes(ConsoleUser.Scheme).RequireRole(ConsoleUser.OperatorRole));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = ".OrleansShop.Antiforgery";
            options.Cookie.Path = ConsolePaths.Root;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// <summary>The console's middleware: its languages, then the session, then antiforgery; the API's routes are untouched.</summary>
    public static WebApplication UseConsole(this WebApplication app)
    {
        var localization = ConsoleCultures.Options();
        app.UseWhen(context => context.Request.Path.StartsWithSegments(ConsolePaths.Root), console => console
            .Use((context, next) =>
            {
                // A console page answers its own 404s and 400s with a page, not the API's problem+json.
                // The feature is removed, not just disabled: Blazor renders no body for a status a
                // page set while status code pages are present, expecting them to re-execute.
                if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
                {
                    statusCodePages.Enabled = false;
                    context.Features.Set<IStatusCodePagesFeature>(null);
                }

                return next(context);
            })
            .UseRequestLocalization(localization));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.MapRazorComponents<App>();
        app.MapGet("/", () => TypedResults.Redirect(ConsolePaths.Root)).ExcludeFromDescription();
        app.MapGet(ConsolePaths.Stylesheet, ServeStylesheet).ExcludeFromDescription();
        app.MapGet(ConsolePaths.Language, SwitchLanguage).ExcludeFromDescription();
        app.MapPost(ConsolePaths.SignOut, SignOutAsync).ExcludeFromDescription();
        app.MapConsoleShippingLabels();
        return app;
    }

    /// <summary>Ends the session: a POST with the form's antiforgery token, so no other site can sign a user out.</summary>
    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        await context.SignOutAsync(ConsoleUser.Scheme);
        return TypedResults.Redirect(ConsolePaths.Root);
    }

    /// <summary>The language switch: remembers the choice for a year and goes back to the page.</summary>
    private static RedirectHttpResult SwitchLanguage(HttpContext context, string? culture, string? returnUrl)
    {
        if (ConsoleCultures.IsSupported(culture))
        {
            context.Response.Cookies.Append(
                ConsoleCultures.CookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
                new CookieOptions { Path = ConsolePaths.Root, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
        }

        return TypedResults.LocalRedirect(ConsolePaths.LocalOrRoot(returnUrl));
    }

    private static IResult ServeStylesheet(HttpContext context)
    {
        var (content, etag) = Stylesheet.Value;
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return context.Request.Headers.IfNoneMatch == etag
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Bytes(content, "text/css; charset=utf-8", entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue(etag));
    }

    private static readonly Lazy<(byte[] Content, string ETag)> Stylesheet = new(() =>
    {
        using var stream = typeof(ConsoleExtensions).Assembly.GetManifestResourceStream(StylesheetResource)
            ?? throw new InvalidOperationException($"The console's stylesheet ({StylesheetResource}) is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var content = copy.ToArray();
        return (content, $"\"{Convert.ToHexString(SHA256.HashData(content))[..16]}\"");
    });

    /// <summary>A merchant's session ends when the shop's key is rotated (or the shop is gone).</summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var signIn = context.HttpContext.RequestServices.GetRequiredService<ConsoleSignIn>();
        if (context.Principal is not { } principal || ConsoleUser.From(principal) is not { } user || !await signIn.IsCurrentAsync(user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(ConsoleUser.Scheme);
        }
    }
}
