namespace OrleansShop.Effects;

/// <summary>What <see cref="EffectCallFilter"/> needs of a grain: its inbox, and a way to drop a failed activation.</summary>
internal interface IEffectReceiver
{
    bool HasReceived(string inboxKey);

    /// <summary>The inbox key of the effect message being handled; written with the call's state.</summary>
    string? Receiving { set; }

    /// <summary>A call failed: its in-memory changes must not survive, so the activation goes.</summary>
    void Abandon();
}
