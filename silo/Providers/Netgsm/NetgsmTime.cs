using System.Globalization;

namespace OrleansShop.Silo.Providers.Netgsm;

/// <summary>
/// Netgsm reads and writes times in Turkey's local time without an offset. Turkey is UTC+3 all year
/// (it stopped changing clocks in 2016), so a fixed offset is exact and needs no time zone data on the host.
/// </summary>
internal static class NetgsmTime
{
    public static readonly TimeSpan TurkeyOffset = TimeSpan.FromHours(3);

    /// <summary>The inbox range's <c>startdate</c> and <c>stopdate</c>.</summary>
    public const string QueryFormat = "ddMMyyyyHHmmss";

    // Netgsm's own client's tests show "15.01.2023 14:30:00"; the others are read in case an account answers another way.
    private static readonly string[] MessageFormats =
        ["dd.MM.yyyy HH:mm:ss", "dd.MM.yyyy HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "ddMMyyyyHHmmss", "ddMMyyyyHHmm"];

    public static string ForQuery(DateTimeOffset time) =>
        time.ToOffset(TurkeyOffset).ToString(QueryFormat, CultureInfo.InvariantCulture);

    public static bool TryParseMessageTime(string? text, out DateTimeOffset time)
    {
        time = default;
        if (text is null)
        {
            return false;
        }

        if (DateTime.TryParseExact(text.Trim(), MessageFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            time = new DateTimeOffset(local, TurkeyOffset);
            return true;
        }

        return false;
    }
}
