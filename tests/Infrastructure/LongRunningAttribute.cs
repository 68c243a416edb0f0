namespace OrleansShop.Tests.Infrastructure;

/// <summary>
/// Marks a test class (or a collection definition) whose tests take minutes in all — clusters of
/// silo processes, a browser — so <see cref="LongRunningFirst"/> starts it before the quick ones and
/// the suite does not end waiting for one long class that started last.
/// </summary>
/// <param name="seconds">About how long the class takes on this machine: the longest starts first.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LongRunningAttribute(int seconds) : Attribute
{
    public int Seconds { get; } = seconds;
}
