namespace OvmSelfHost.Runbook.Readiness;

/// <param name="Name">What was checked and where, e.g. <c>manager:A</c>, <c>pool:B</c>: stable, so a change from the last result can be told.</param>
public sealed record ReadinessCheck(string Name, ReadinessStatus Status, string Detail)
{
    public static ReadinessCheck Pass(string name, string detail) => new(name, ReadinessStatus.Pass, detail);

    public static ReadinessCheck Warn(string name, string detail) => new(name, ReadinessStatus.Warn, detail);

    public static ReadinessCheck Fail(string name, string detail) => new(name, ReadinessStatus.Fail, detail);
}
