using System.ComponentModel.DataAnnotations;

namespace OvmSelfHost.Simulator.Hosting;

/// <summary>Options of the simulator (configuration section <see cref="SectionName"/>).</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>Start the simulator with the host (the hosted service does nothing when false).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A scenario name (<c>Scenarios/&lt;name&gt;.json</c> next to the assembly) or a path to a scenario JSON file.</summary>
    [Required]
    public string Scenario { get; set; } = "default";

    /// <summary>Port of the control API, before <see cref="PortOffset"/>.</summary>
    [Range(0, 65535)]
    public int ControlPort { get; set; } = 7000;

    /// <summary>Added to every port (control and managers) so several simulators can run side by side.</summary>
    [Range(0, 50000)]
    public int PortOffset { get; set; }

    /// <summary>Bind every listener to port 0; the real ports are reported by <see cref="OvmSimulator.Managers"/> and <c>GET /sim/managers</c>.</summary>
    public bool DynamicPorts { get; set; }

    /// <summary>Simulated seconds per real second.</summary>
    [Range(0.001, 1_000_000)]
    public double TimeScale { get; set; } = 1;

    /// <summary>Address every listener binds to.</summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Where the world is saved (every change, as it is made) and read back at the next start, so that it
    /// survives a restart of the process; relative paths are under the working directory. Empty: the world
    /// lives in memory only. Delete the file to start from the scenario again.
    /// </summary>
    public string? StatePath { get; set; }

    public int Port(int configured) => DynamicPorts ? 0 : configured + PortOffset;
}
