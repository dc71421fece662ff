namespace OvmSelfHost.Simulator.Hosting;

/// <summary>Gives the simulator started by the hosted service (null until started, or when disabled).</summary>
public sealed class SimulatorHandle
{
    public OvmSimulator? Instance { get; internal set; }
}
