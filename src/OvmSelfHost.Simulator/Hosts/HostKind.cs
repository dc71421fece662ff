namespace OvmSelfHost.Simulator.Hosts;

public enum HostKind
{
    /// <summary>A physical server running a manager from the start.</summary>
    Physical,

    /// <summary>A planned manager VM: exists once a VM of that name runs in some environment.</summary>
    VirtualMachine,
}
