namespace OvmSelfHost.Ovm.Configuration;

/// <summary>A manager host that lives inside the embedded simulator, reached through its control API.</summary>
public sealed class SimulatedHostOptions
{
    /// <summary>Base address of the simulator's control API (the one serving <c>/sim/…</c>).</summary>
    public string ControlUrl { get; set; } = "";

    /// <summary>The simulator's name for the host, e.g. <c>ovmm-a</c> or <c>ovmm-b-vm</c>.</summary>
    public string HostName { get; set; } = "";

    /// <summary>
    /// The host's pinned SSH host key fingerprint (<c>SHA256:…</c>, as <c>GET /sim/hosts/{host}</c> shows it).
    /// Empty: the key first read in this process is the pin (the simulator makes a new one per world).
    /// </summary>
    public string? HostKey { get; set; }
}
