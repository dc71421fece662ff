namespace OvmSelfHost.Runbook.Ports;

/// <param name="Release">The first line of <c>/etc/oracle-release</c> (or <c>/etc/redhat-release</c>).</param>
/// <param name="FreeMegabytes">Free space per mount point: /u01, /tmp, /var, /usr.</param>
public sealed record GuestOsFacts(
    string Release,
    string Architecture,
    long MemoryMegabytes,
    int Cpus,
    long SwapMegabytes,
    IReadOnlyDictionary<string, long> FreeMegabytes);
