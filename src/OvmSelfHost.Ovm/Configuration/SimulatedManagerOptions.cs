namespace OvmSelfHost.Ovm.Configuration;

/// <summary>
/// A manager served by the embedded simulator whose address is only known once it is installed (dynamic ports):
/// when <see cref="OvmManagerOptions.BaseUrl"/> is empty the adapter asks <c>GET /sim/managers</c> for it.
/// </summary>
public sealed class SimulatedManagerOptions
{
    public string ControlUrl { get; set; } = "";

    /// <summary>The simulator's manager name, e.g. <c>ovmm-b-vm</c>.</summary>
    public string ManagerName { get; set; } = "";
}
