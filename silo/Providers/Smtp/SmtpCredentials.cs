using System.Globalization;
using System.Text;
using System.Text.Json;
using MailKit.Security;
using OrleansShop.Silo.Endpoints.Shops;

namespace OrleansShop.Silo.Providers.Smtp;

/// <summary>
/// A shop's own SMTP server, from its write-only <c>mailServer</c> credentials:
/// <c>{"host","port","security","username","password"}</c>. <see cref="ToString"/> leaves the password out.
/// </summary>
/// <param name="Security"><c>starttls</c> (the default, port 587), <c>ssl</c> (implicit TLS, port 465) or <c>none</c> (port 25; only for a relay on a trusted network).</param>
internal sealed record SmtpCredentials(string Host, int Port, string Security, string? Username, string? Password)
{
    public const string Section = "mailServer";

    public static IReadOnlyList<string> SecurityModes { get; } = ["starttls", "ssl", "none"];

    public SecureSocketOptions SocketOptions => Security switch
    {
        "ssl" => SecureSocketOptions.SslOnConnect,
        "none" => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };

    /// <summary>The server a credential section names, or why it names none (for the shop's settings to say, field by field).</summary>
    public static (SmtpCredentials? Credentials, string? Field, string? Problem) Read(JsonElement section)
    {
        var host = ShopCredentials.Read(section, "host");
        if (string.IsNullOrWhiteSpace(host) || host.Length > 255 || Uri.CheckHostName(host.Trim()) == UriHostNameType.Unknown)
        {
            return (null, "mailServer.host", "mailServer.host is the SMTP server's host name or address.");
        }

        var security = (ShopCredentials.Read(section, "security") ?? "starttls").Trim().ToLowerInvariant();
        if (!SecurityModes.Contains(security))
        {
            return (null, "mailServer.security", "mailServer.security must be starttls, ssl or none.");
        }

        var port = security switch { "ssl" => 465, "none" => 25, _ => 587 };
        if (section.TryGetProperty("port", out var value) && value.ValueKind != JsonValueKind.Null)
        {
            var text = value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                return (null, "mailServer.port", "mailServer.port must be a port number, 1 to 65535.");
            }
        }

        var username = ShopCredentials.Read(section, "username");
        var password = ShopCredentials.Read(section, "password");
        if (string.IsNullOrEmpty(username) != string.IsNullOrEmpty(password))
        {
            return (null, string.IsNullOrEmpty(username) ? "mailServer.username" : "mailServer.password", "mailServer.username and mailServer.password go together (or neither, for a server that needs no login).");
        }

        return (new SmtpCredentials(host.Trim(), port, security, NullIfEmpty(username), NullIfEmpty(password)), null, null);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Host = ").Append(Host).Append(", Port = ").Append(Port).Append(", Security = ").Append(Security)
            .Append(", Username = ").Append(Username).Append(", Password = (hidden)");
        return true;
    }
}
