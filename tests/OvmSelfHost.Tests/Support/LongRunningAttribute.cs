namespace OvmSelfHost.Tests.Support;

/// <summary>
/// A test class whose tests together take half a minute or more (whole migrations one after another): started first by
/// <see cref="LongRunningFirst"/>, so it does not end the run alone on one core.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LongRunningAttribute : Attribute;
