namespace OvmSelfHost.Ovm.WsApi;

/// <summary>How often a job (or the manager's run state) is read while waiting: doubling from <see cref="First"/> to <see cref="Cap"/>.</summary>
internal sealed record JobPolling(TimeSpan First, TimeSpan Cap)
{
    public static JobPolling Default { get; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));

    public TimeSpan Next(TimeSpan current) => current * 2 < Cap ? current * 2 : Cap;
}
