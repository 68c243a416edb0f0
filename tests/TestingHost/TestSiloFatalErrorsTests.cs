using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.TestingHost;

/// <summary>A test silo that Orleans reports dead stops alone: the test process, and every other test in it, goes on.</summary>
public sealed class TestSiloFatalErrorsTests
{
    [Fact]
    public async Task A_fatal_error_stops_that_silo_and_not_the_test_process()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        var silo = scope.Cluster.Primary;
        var handler = silo.Services.GetRequiredService<IFatalErrorHandler>();
        var stopping = silo.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        Assert.IsType<TestSiloFatalErrors>(handler);
        handler.OnFatalException(this, "a test's stand-in for being voted dead", null);

        await Eventually.TrueAsync(() => Task.FromResult(stopping.IsCancellationRequested), "the silo's host is stopping");
    }
}
