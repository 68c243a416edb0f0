using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("OrleansShop.Tests.Infrastructure.LongRunningFirst", "OrleansShop.Tests")]

namespace OrleansShop.Tests.Infrastructure;

/// <summary>
/// Orders test collections for the parallel run: those marked <see cref="LongRunningAttribute"/>
/// first, longest first, then the rest as xUnit found them. Collections run in parallel in this
/// order, so the long ones overlap the many short ones instead of trailing after them.
/// </summary>
public sealed class LongRunningFirst : ITestCollectionOrderer
{
    private const string DefaultCollectionPrefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.Select((collection, index) => (collection, index, seconds: Seconds(collection)))
            .OrderByDescending(c => c.seconds)
            .ThenBy(c => c.index)
            .Select(c => c.collection);

    private static int Seconds(ITestCollection collection)
    {
        var type = collection.CollectionDefinition?.ToRuntimeType()
            ?? (collection.DisplayName.StartsWith(DefaultCollectionPrefix, StringComparison.Ordinal)
                ? typeof(LongRunningFirst).Assembly.GetType(collection.DisplayName[DefaultCollectionPrefix.Length..])
                : null);
        return type?.GetCustomAttribute<LongRunningAttribute>()?.Seconds ?? 0;
    }
}
