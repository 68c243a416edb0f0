using OrleansShop.Runtime.Outbox;

namespace OrleansShop.Tests.Runtime;

public sealed class BackoffTests
{
    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, 2000)]
    [InlineData(3, 4000)]
    [InlineData(6, 32000)]
    [InlineData(7, 60000)]
    [InlineData(40, 60000)]
    public void Delays_double_per_attempt_up_to_the_cap_with_jitter_between_half_and_all_of_it(int attempt, int ceilingMilliseconds)
    {
        var random = new Random(attempt);
        var delays = Enumerable.Range(0, 200)
            .Select(_ => Backoff.Delay(attempt, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), random).TotalMilliseconds)
            .ToList();

        Assert.All(delays, d => Assert.InRange(d, ceilingMilliseconds * 0.5, ceilingMilliseconds));
        Assert.True(delays.Distinct().Count() > 100, "the delays are jittered");
    }
}
