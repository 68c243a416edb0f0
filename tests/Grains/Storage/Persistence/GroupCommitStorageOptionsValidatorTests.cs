using OrleansShop.Storage.Persistence;

namespace OrleansShop.Tests.Grains.Storage.Persistence;

/// <summary>Storage:GroupCommit is checked at start-up, each bad value named by its key.</summary>
public sealed class GroupCommitStorageOptionsValidatorTests
{
    private readonly GroupCommitStorageOptionsValidator _validator = new();

    [Fact]
    public void The_defaults_are_valid() => Assert.True(_validator.Validate(null, new GroupCommitStorageOptions()).Succeeded);

    [Theory]
    [InlineData(0, 2, 2, "Storage:GroupCommit:MaxBatchSize must be between 1 and 10000.")]
    [InlineData(128, 0, 2, "Storage:GroupCommit:Writers must be between 1 and 64.")]
    [InlineData(128, 2, 65, "Storage:GroupCommit:Readers must be between 1 and 64.")]
    public void A_value_out_of_range_is_named(int maxBatchSize, int writers, int readers, string message)
    {
        var result = _validator.Validate(null, new GroupCommitStorageOptions { MaxBatchSize = maxBatchSize, Writers = writers, Readers = readers });

        Assert.Equal(message, Assert.Single(result.Failures!));
    }
}
