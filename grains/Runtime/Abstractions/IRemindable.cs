namespace OrleansShop.Runtime;

/// <summary>Implemented by grains that register durable reminders.</summary>
public interface IRemindable : IGrainWithStringKey
{
    Task ReceiveReminder(string reminderName, TickStatus status);
}

/// <summary>What a reminder tick knows about itself.</summary>
/// <param name="DueAt">When the tick was due.</param>
/// <param name="Period">The period of a repeating reminder; null for a one-shot reminder.</param>
/// <param name="CurrentTime">When the tick was delivered.</param>
public sealed record TickStatus(DateTimeOffset DueAt, TimeSpan? Period, DateTimeOffset CurrentTime);
