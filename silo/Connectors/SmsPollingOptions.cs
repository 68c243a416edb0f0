namespace OrleansShop.Silo.Connectors;

/// <summary>Reading replies from the shops' Netgsm inboxes in live mode. Section <c>Sms:Polling</c>.</summary>
public sealed class SmsPollingOptions
{
    /// <summary>How often the inboxes are read. Default 30 seconds.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Each read starts this long before the last one stopped, so a message Netgsm files late is
    /// still seen; messages read twice are recognised and answered once. Default 5 minutes.
    /// </summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far back the first read of a shop's inbox goes. Default 1 hour.</summary>
    public TimeSpan FirstLookback { get; set; } = TimeSpan.FromHours(1);
}
