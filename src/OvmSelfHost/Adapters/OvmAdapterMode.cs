namespace OvmSelfHost.Adapters;

/// <summary><c>Ovm:Adapter</c>: how the runbook reaches Oracle VM.</summary>
public enum OvmAdapterMode
{
    /// <summary>No adapter: migrations wait before preflight.</summary>
    None,

    /// <summary>The simulated environments (embedded by default), through the real WS-API client over HTTP.</summary>
    Simulator,

    /// <summary>Real managers and hosts from <c>Ovm:Environments</c>.</summary>
    Real,
}
