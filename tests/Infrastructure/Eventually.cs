namespace OrleansShop.Tests.Infrastructure;

/// <summary>Waits for a condition that becomes true asynchronously, with a generous bound and a clear failure.</summary>
public static class Eventually
{
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

            await Task.Delay(50);
        }

        Assert.Fail($"Timed out waiting until {what}." + (last is null ? string.Empty : $" Last error: {last.Message}"));
    }

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? within = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, within);
}
