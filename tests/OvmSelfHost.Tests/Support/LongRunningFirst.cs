using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OvmSelfHost.Tests.Support;

/// <summary>
/// Starts the test collections of classes marked <see cref="LongRunningAttribute"/> first, the others in xunit's own order.
/// A class is a collection and its tests run one after another, so a class of whole migrations started last kept the run
/// going for a minute or more on one core while the other idled.
/// </summary>
public sealed class LongRunningFirst : ITestCollectionOrderer
{
    private const string PerClassPrefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        new DefaultTestCollectionOrderer().OrderTestCollections(testCollections).OrderBy(c => IsLongRunning(c) ? 0 : 1);

    private static bool IsLongRunning(ITestCollection collection)
    {
        var type = collection.CollectionDefinition?.ToRuntimeType()
            ?? (collection.DisplayName.StartsWith(PerClassPrefix, StringComparison.Ordinal)
                ? typeof(LongRunningFirst).Assembly.GetType(collection.DisplayName[PerClassPrefix.Length..])
                : null);
        return type?.GetCustomAttribute<LongRunningAttribute>() is not null;
    }
}
