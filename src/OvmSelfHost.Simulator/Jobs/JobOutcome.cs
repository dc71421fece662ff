using OvmSelfHost.Simulator.Model;

namespace OvmSelfHost.Simulator.Jobs;

/// <summary>What a job's work produced: the created or affected object, and a progress message.</summary>
internal sealed record JobOutcome(ModelObject? Result = null, string? ProgressMessage = null);
