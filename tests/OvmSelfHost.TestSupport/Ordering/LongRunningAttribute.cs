namespace OvmSelfHost.TestSupport.Ordering;

/// <summary>
/// A test class, or a collection's definition, whose tests together take about <see cref="Seconds"/> on the CI machine, one
/// after another (whole migrations, drills, sign-ins): <see cref="LongestFirst"/> starts the longest first.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LongRunningAttribute(int seconds) : Attribute
{
    public int Seconds { get; } = seconds;
}
