namespace OrleansShop.Silo.Console;

/// <summary>The console's addresses, in one place for pages, redirects and tests.</summary>
internal static class ConsolePaths
{
    public const string Root = "/console";
    public const string Shops = "/console/shops";
    public const string Deliveries = "/console/deliveries";
    public const string SignOut = "/console/sign-out";
    public const string Language = "/console/language";
    public const string Stylesheet = "/console/assets/console.css";

    /// <summary>Orleans' dashboard, for operators.</summary>
    public const string Dashboard = "/console/dashboard";

    public static string Orders(string shopId) => $"/console/shops/{Uri.EscapeDataString(shopId)}/orders";

    public static string Order(string shopId, string orderId) => $"{Orders(shopId)}/{Uri.EscapeDataString(orderId)}";

    /// <summary>The order's shipping label, a PDF (<see cref="ConsoleShippingLabels"/>).</summary>
    public static string ShippingLabel(string shopId, string orderId) => $"{Order(shopId, orderId)}/label.pdf";

    public static string Received(string shopId) => $"/console/shops/{Uri.EscapeDataString(shopId)}/received";

    public static string ShopDeliveries(string shopId) => $"/console/shops/{Uri.EscapeDataString(shopId)}/deliveries";

    public static string Settings(string shopId) => $"/console/shops/{Uri.EscapeDataString(shopId)}/settings";

    /// <summary>Only a path inside the console is a place to return to: anything else could lead off the site.</summary>
    public static string LocalOrRoot(string? returnUrl) =>
        returnUrl is { Length: > 0 and < 2000 } url && url.StartsWith(Root, StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
        && (url.Length == Root.Length || url[Root.Length] is '/' or '?')
            ? url
            : Root;
}
