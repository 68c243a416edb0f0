namespace OrleansShop.Storage;

/// <summary>How a delivery's kind is spelled, in the database and in the admin API's JSON (as the old runtime's outbox spelled it).</summary>
public static class DeliveryKinds
{
    /// <summary>A durable message to a grain method.</summary>
    public const string Message = "message";

    /// <summary>A call to an external system through a connector.</summary>
    public const string Call = "call";

    /// <summary>A durable reminder tick.</summary>
    public const string Reminder = "reminder";
}
