namespace OvmSelfHost.Simulator.Model;

/// <summary>WS-API object type names and the id type codes of reference section 3.</summary>
internal static class ObjectTypes
{
    public const string Prefix = "com.oracle.ovm.mgr.ws.model.";

    public static string Qualified(string typeName) => Prefix + typeName;

    public static readonly IReadOnlyDictionary<string, string> TypeCodes = new Dictionary<string, string>
    {
        ["Manager"] = "0001",
        ["ServerPool"] = "0002",
        ["Repository"] = "0003",
        ["FileSystem"] = "0005",
        ["Vm"] = "0006",
        ["VirtualNic"] = "0007",
        ["FileServer"] = "0009",
        ["StorageArray"] = "0009",
        ["VirtualDisk"] = "0012",
        ["VmDiskMapping"] = "0013",
        ["IsoDisk"] = "0015",
        ["StorageElement"] = "0018",
        ["Cluster"] = "0024",
        ["ClusterHeartbeatDevice"] = "0025",
    };

    public static readonly IReadOnlyList<string> Listable =
    [
        "Server", "ServerPool", "Cluster", "ClusterHeartbeatDevice", "Network", "FileServer", "FileServerPlugin",
        "FileSystem", "StorageArray", "StorageArrayPlugin", "Repository", "VirtualDisk", "Vm", "VmDiskMapping",
        "VirtualNic", "Job",
    ];
}
