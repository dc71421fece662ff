namespace OvmSelfHost.Ovm.WsApi.Model;

/// <summary>A create body that only names the object (<c>POST /ServerPool/{id}/Cluster</c>, <c>POST /FileSystem/{id}/Repository</c>).</summary>
internal sealed record NamedCreate(string Name, string? Description = null);
