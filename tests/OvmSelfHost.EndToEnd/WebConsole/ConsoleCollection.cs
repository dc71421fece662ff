using OvmSelfHost.EndToEnd.Support;
using OvmSelfHost.TestSupport.Ordering;

namespace OvmSelfHost.EndToEnd.WebConsole;

/// <summary>The web console tests share one host and one browser, and run one at a time.</summary>
[CollectionDefinition(Name)]
[LongRunning(240)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "Web console";
}
