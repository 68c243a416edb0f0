using Orleans.Storage;

namespace OrleansShop.Tests.Infrastructure;

public static class Conflicts
{
    /// <summary>
    /// A turn that loses its race twice surfaces the conflict, and nothing of it was committed;
    /// the sender retries, as platforms retry a 503. Returns the answer and how many tries lost.
    /// </summary>
    public static async Task<(T Value, int Lost)> RetryAsync<T>(Func<Task<T>> call)
    {
        for (var lost = 0; ; lost++)
        {
            try
            {
                return (await call(), lost);
            }
            catch (InconsistentStateException)
            {
            }
        }
    }
}
