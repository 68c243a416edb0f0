using OrleansShop.Storage;

namespace OrleansShop.Tests.Grains.Storage.Hosting;

public sealed class StorageOptionsValidatorTests
{
    [Theory]
    [InlineData("mysql", null, "data", "Storage:Provider must be 'sqlite' or 'postgres', not 'mysql'.")]
    [InlineData("postgres", null, "data", "Storage:ConnectionString is required when Storage:Provider is postgres.")]
    [InlineData("sqlite", null, " ", "Storage:DataFolder must not be empty.")]
    public void A_storage_configuration_the_silo_cannot_start_with_is_refused_with_the_reason(string provider, string? connectionString, string folder, string reason)
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { Provider = provider, ConnectionString = connectionString, DataFolder = folder });

        Assert.Equal([reason], result.Failures);
    }

    [Fact]
    public void The_embedded_default_needs_no_configuration_and_lives_in_the_data_folder()
    {
        var options = new StorageOptions();

        Assert.True(new StorageOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal($"Data Source={Path.Combine(Path.GetFullPath("data"), "orleansshop.db")}", options.ResolveConnectionString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a-service-id-that-is-longer-than-sixty-four-characters-which-is-too-long")]
    public void A_service_id_empty_or_over_64_characters_is_refused(string serviceId)
    {
        Assert.Equal(["Cluster:ServiceId must be 1 to 64 characters."], new ClusterOptionsValidator().Validate(null, new ClusterOptions { ServiceId = serviceId }).Failures);
    }
}
