using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace OrleansShop.Tests.TestingHost;

/// <summary>
/// What a test silo does when Orleans reports a fatal error, such as this silo being voted dead:
/// it logs why and stops this silo's host. Orleans' own handler ends the process, which here is the
/// test host running every other test: with the tests' one-second probes, a silo starved of CPU on a
/// busy machine can be voted dead, and that would abort the whole run instead of failing one test.
/// </summary>
internal sealed partial class TestSiloFatalErrors(IHostApplicationLifetime lifetime, ILogger<TestSiloFatalErrors> logger) : IFatalErrorHandler
{
    public bool IsUnexpected(Exception exception) => true;

    public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null)
    {
        LogFatal(logger, exception, context);
        lifetime.StopApplication();
    }

    [LoggerMessage(1, LogLevel.Critical, "A fatal error in this test silo ({Context}): stopping this silo, not the test process")]
    private static partial void LogFatal(ILogger logger, Exception? exception, string? context);
}
