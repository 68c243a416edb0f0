using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrleansShop.Grains.Shipping;

public static class ShipmentNames
{
    /// <summary>The connector that talks to carriers.</summary>
    public const string Connector = "carrier";

    public const string Create = "createShipment";

    public const string Query = "queryShipment";

    public const string TrackReminder = "track";

    /// <summary>Yurtiçi blocks a client that asks about one cargo key more often than once a minute.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMinutes(1);

    /// <summary>A query whose answer has not come back in this long is given up, so polling cannot stall for good.</summary>
    public static readonly TimeSpan LostQueryAfter = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The order's cargo key: <c>OS</c> and 18 base-32 characters of SHA-256 of the order's key. The
    /// same order always gets the same key, so every attempt, retry or replay names one parcel; it fits
    /// Yurtiçi's 20 characters whatever the shop's order ids are.
    /// </summary>
    public static string CargoKey(string orderKey)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(orderKey));
        var key = new StringBuilder("OS", 20);
        for (var i = 0; i < 18; i++)
        {
            key.Append(alphabet[hash[i] % alphabet.Length]);
        }

        return key.ToString();
    }

    /// <summary>
    /// The collection document's number for a cash-on-delivery parcel. Yurtiçi's <c>ttDocumentId</c> is
    /// an <c>xs:long</c>: the order's reference when it is a plain number of at most 12 digits (without
    /// a leading zero, which a number would lose), otherwise a 12-digit number from SHA-256 of the cargo
    /// key. Either way every attempt for the order sends the same one.
    /// </summary>
    public static string DocumentId(string reference, string cargoKey)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(cargoKey);
        if (reference.Length is > 0 and <= 12 && reference[0] != '0' && reference.All(char.IsAsciiDigit))
        {
            return reference;
        }

        const ulong smallest = 100_000_000_000, range = 900_000_000_000;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(cargoKey));
        return ((BinaryPrimitives.ReadUInt64BigEndian(hash) % range) + smallest).ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>How far a parcel has come, in the order view's <c>shipment.status</c>.</summary>
public static class ShipmentProgress
{
    /// <summary>The side effect's name in <see cref="Orders.SideEffectUpdate"/>.</summary>
    public const string Effect = "shipment";

    public static int Rank(string status) => status switch
    {
        "none" => 0,
        "pending" => 1,
        "failed" => 2,
        "created" => 3,
        "in_transit" => 4,
        "delivered" or "returned" or "cancelled" => 5,
        _ => 0,
    };
}
