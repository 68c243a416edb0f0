namespace OrleansShop.Tests.Infrastructure;

/// <summary>Waits for a condition that becomes true asynchronously, with a generous bound and a clear failure.</summary>
public static class Eventually
{
    /// <summary>How long a polling loop waits between two looks at its condition.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>The pause of a polling loop before it looks again (every loop that polls a condition of its own uses it).</summary>
    public static Task NextLookAsync(CancellationToken cancellationToken = default) => Task.Delay(PollInterval, cancellationToken);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception exception)
            {
                last = exception;
            }

            await NextLookAsync();
        }

        Assert.Fail($"Timed out waiting until {what}." + (last is null ? string.Empty : $" Last error: {last.Message}"));
    }

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? within = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, within);
}
