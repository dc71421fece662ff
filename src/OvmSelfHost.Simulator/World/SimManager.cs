using OvmSelfHost.Simulator.Model;

namespace OvmSelfHost.Simulator.World;

/// <summary>
/// One Oracle VM Manager instance: its UUID, its database (the objects it knows and its jobs),
/// its sessions and its service state. Run state is derived from time (STARTING → RUNNING).
/// </summary>
internal sealed class SimManager
{
    public required string Name { get; init; }
    public required string HostName { get; init; }
    public required string Uuid { get; init; }
    public required string User { get; init; }
    public required string Password { get; set; }

    /// <summary>A certificate put in place by the control API (drift: one about to expire); null: the manager's own self-signed one.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; set; }
    public string? DeclaredEnvironment { get; init; }
    public int HttpsPort { get; set; }
    public int HttpPort { get; set; }
    public string Version { get; init; } = "3.4.6.2105";
    public HashSet<string> Known { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Sessions { get; } = new(StringComparer.Ordinal);
    public bool ServiceRunning { get; set; } = true;
    public DateTimeOffset ServiceStartedAt { get; set; }

    public bool Knows(ModelObject o) => o.IsGlobal || Known.Contains(o.Id);

    public void Learn(ModelObject? o)
    {
        if (o is not null)
        {
            Known.Add(o.Id);
        }
    }
}
