namespace OvmSelfHost.Simulator.Control;

/// <summary>Body of <c>POST /sim/servers/{server}/memory</c>: the server's physical memory in MB (its usable memory is 2 GB less).</summary>
internal sealed record MemoryRequest(int? MemoryMb);
