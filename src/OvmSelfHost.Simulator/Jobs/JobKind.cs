namespace OvmSelfHost.Simulator.Jobs;

/// <summary>Which simulated duration a job takes (see <c>SimulatorSettings</c>).</summary>
internal enum JobKind
{
    Default,
    Discovery,
    Refresh,
    Migration,
}
