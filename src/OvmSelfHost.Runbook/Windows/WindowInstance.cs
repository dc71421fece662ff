namespace OvmSelfHost.Runbook.Windows;

/// <summary>One opening of a maintenance window: from <see cref="OpensAt"/> until <see cref="ClosesAt"/>.</summary>
public sealed record WindowInstance(string Window, DateTimeOffset OpensAt, DateTimeOffset ClosesAt)
{
    public bool Contains(DateTimeOffset instant) => instant >= OpensAt && instant < ClosesAt;

    public TimeSpan Duration => ClosesAt - OpensAt;
}
