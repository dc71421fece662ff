using System.Reflection;
using Xunit;
using Xunit.Abstractions;

namespace OvmSelfHost.TestSupport.Ordering;

/// <summary>
/// Starts test collections longest first, by their <see cref="LongRunningAttribute"/> (the others after, by name): the
/// longest-processing-time rule, for a few threads on two cores. A collection's tests run one after another, so a long one
/// started last ran alone for a minute or more while a core idled (host tests), or the end-to-end drills' two threads
/// ended minutes apart, depending on xunit's own order.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    private const string PerClassPrefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderByDescending(Seconds).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static int Seconds(ITestCollection collection)
    {
        var type = collection.CollectionDefinition
            ?? (collection.DisplayName.StartsWith(PerClassPrefix, StringComparison.Ordinal)
                ? collection.TestAssembly.Assembly.GetType(collection.DisplayName[PerClassPrefix.Length..])
                : null);
        return (type as IReflectionTypeInfo)?.Type.GetCustomAttribute<LongRunningAttribute>()?.Seconds ?? 0;
    }
}
