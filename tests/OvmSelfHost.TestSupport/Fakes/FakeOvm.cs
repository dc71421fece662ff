using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.TestSupport.Fakes;

/// <summary>
/// A small in-memory world of two environments, faithful enough to the procedure's rules (same
/// UUID gets the servers back, HA read back, stopped managers do not answer) to drive the engine.
/// </summary>
public sealed class FakeOvm : IOvmConnections
{
    public FakeOvm()
    {
        Environments["A"] = new FakeEnvironment("A", "0004fb0000010000aaaaaaaaaaaaaaaa");
        Environments["B"] = new FakeEnvironment("B", "0004fb0000010000bbbbbbbbbbbbbbbb");
        foreach (var env in Environments.Values)
        {
            env.ConfigUuid = env.OriginalUuid;
            env.HardwareOwner = env.OriginalUuid;
        }
    }

    public Dictionary<string, FakeEnvironment> Environments { get; } = [];

    /// <summary>Every modifying call and SSH side effect, in order, for "did it call twice?" checks.</summary>
    public List<string> Calls { get; } = [];

    public Dictionary<string, OvmJobResult> Jobs { get; } = [];

    public Func<OvmOperation, bool> HangJob { get; set; } = _ => false;
    public Func<OvmOperation, bool> FailJob { get; set; } = _ => false;
    public bool CreateWithoutHa { get; set; }
    public string? InstallerUuidOverride { get; set; }
    public int InstallerExitCode { get; set; }
    public GuestOsFacts GuestFacts { get; set; } = new("Oracle Linux Server release 7.9", "x86_64", 7900, 2, 4096,
        new Dictionary<string, long> { ["/u01"] = 20000, ["/tmp"] = 8000, ["/var"] = 4000, ["/usr"] = 4000 });

    private int nextJob = 1000;

    public IOvmManager Manager(string environment, ManagerRole role) => new FakeManager(this, Environments[environment], role);

    public IManagerHost Host(string environment, HostRole role) => new FakeHost(this, Environments[environment], role);

    /// <summary>The environment that hosts <paramref name="env"/>'s replacement VM.</summary>
    public FakeEnvironment Other(FakeEnvironment env) => Environments.Values.Single(e => e != env);

    internal string NewJob(OvmOperation operation, string? resultId)
    {
        var id = (nextJob++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Jobs[id] = HangJob(operation)
            ? new OvmJobResult(id, OvmJobState.InProgress)
            : FailJob(operation)
                ? new OvmJobResult(id, OvmJobState.Failed, null, "Simulated failure", "GEN_000000")
                : new OvmJobResult(id, OvmJobState.Succeeded, resultId);
        return id;
    }
}
