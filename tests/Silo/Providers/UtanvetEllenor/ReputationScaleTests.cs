using OrleansShop.Silo.Providers.UtanvetEllenor;

namespace OrleansShop.Tests.Silo.Providers.UtanvetEllenor;

public sealed class ReputationScaleTests
{
    [Fact]
    public void Twenty_three_collected_and_three_refused_is_88_46_percent()
    {
        var reputation = (23.0 - 3) / (23 + 3);

        Assert.Equal(0.769, reputation, 3);
        Assert.Equal(88.46, Math.Round(ReputationScale.ToPercent(reputation), 2));
        Assert.Equal(23.0 / 26 * 100, ReputationScale.ToPercent(reputation), 10);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, 50)]
    [InlineData(1, 100)]
    [InlineData(-0.25, 37.5)]
    public void The_ends_and_middle_of_the_providers_scale_are_0_50_and_100_percent(double reputation, double percent) =>
        Assert.Equal(percent, ReputationScale.ToPercent(reputation), 12);

    [Theory]
    [InlineData(80, 0.6)]
    [InlineData(0, -1)]
    [InlineData(50, 0)]
    [InlineData(100, 1)]
    [InlineData(70, 0.4)]
    public void A_threshold_in_percent_becomes_the_providers_threshold_exactly(int percent, double threshold) =>
        Assert.Equal(threshold, ReputationScale.ToThreshold(percent));

    [Fact]
    public void Every_whole_percentage_survives_the_round_trip()
    {
        for (var percent = 0; percent <= 100; percent++)
        {
            Assert.Equal(percent, ReputationScale.ToPercent(ReputationScale.ToThreshold(percent)), 9);
        }
    }

    [Theory]
    [InlineData(-1.0001)]
    [InlineData(1.0001)]
    [InlineData(double.NaN)]
    public void A_reputation_off_the_scale_is_refused(double reputation) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ReputationScale.ToPercent(reputation));

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void A_threshold_outside_0_to_100_percent_is_refused(int percent) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ReputationScale.ToThreshold(percent));
}
