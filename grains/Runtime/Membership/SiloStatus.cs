using OrleansShop.Runtime.Storage;

namespace OrleansShop.Runtime.Membership;

/// <summary>Reads the membership table as routing sees it.</summary>
public static class SiloStatus
{
    public const string Active = "active";
    public const string Left = "left";

    /// <summary>Alive: active and heard from within <paramref name="deadAfter"/>.</summary>
    public static bool IsAlive(this SiloRecord silo, DateTimeOffset now, TimeSpan deadAfter)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return silo.Status == Active && now - silo.HeartbeatAt <= deadAfter;
    }
}
