namespace OrleansShop.Storage;

/// <summary>How a delivery's state is spelled, in the database and in the admin API's JSON.</summary>
public static class DeliveryStates
{
    /// <summary>Waiting for its due time or being attempted.</summary>
    public const string Pending = "pending";

    /// <summary>Gave up after its attempts; an operator may retry it.</summary>
    public const string Dead = "dead";
}
