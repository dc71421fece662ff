using OvmSelfHost.Ovm.WsApi.Model;
using Refit;

namespace OvmSelfHost.Ovm.WsApi;

/// <summary>
/// The Oracle VM Manager WS-API calls the adapter uses (reference sections 6 and 8). Paths are relative to
/// <c>…/ovm/core/wsapi/rest/</c>. Every modifying call answers with a <see cref="Job"/>.
/// </summary>
[Headers("Accept: application/json")]
internal interface IOvmWsApi
{
    [Get("/Manager")]
    Task<IApiResponse<List<Manager>>> GetManagers(CancellationToken cancellationToken);

    /// <summary>GET /Manager in one attempt: the resilience pipeline does not retry a request marked <see cref="WsApiClientRegistration.SingleAttempt"/>.</summary>
    [Get("/Manager")]
    Task<IApiResponse<List<Manager>>> ProbeManagers([Property(WsApiClientRegistration.SingleAttempt)] bool singleAttempt, CancellationToken cancellationToken);

    [Get("/Server")]
    Task<IApiResponse<List<Server>>> GetServers(CancellationToken cancellationToken);

    [Get("/ServerPool")]
    Task<IApiResponse<List<ServerPool>>> GetServerPools(CancellationToken cancellationToken);

    [Get("/ServerPool/{id}")]
    Task<IApiResponse<ServerPool>> GetServerPool(string id, CancellationToken cancellationToken);

    [Get("/Cluster/{id}")]
    Task<IApiResponse<Cluster>> GetCluster(string id, CancellationToken cancellationToken);

    [Get("/Network")]
    Task<IApiResponse<List<Network>>> GetNetworks(CancellationToken cancellationToken);

    [Get("/FileServer")]
    Task<IApiResponse<List<FileServer>>> GetFileServers(CancellationToken cancellationToken);

    [Get("/FileServerPlugin/id")]
    Task<IApiResponse<List<SimpleId>>> GetFileServerPluginIds(CancellationToken cancellationToken);

    [Get("/FileSystem")]
    Task<IApiResponse<List<FileSystem>>> GetFileSystems(CancellationToken cancellationToken);

    [Get("/StorageArray")]
    Task<IApiResponse<List<StorageArray>>> GetStorageArrays(CancellationToken cancellationToken);

    [Get("/Repository")]
    Task<IApiResponse<List<Repository>>> GetRepositories(CancellationToken cancellationToken);

    [Get("/Repository/{id}/VirtualDisk")]
    Task<IApiResponse<List<VirtualDisk>>> GetRepositoryVirtualDisks(string id, CancellationToken cancellationToken);

    [Get("/VirtualDisk")]
    Task<IApiResponse<List<VirtualDisk>>> GetVirtualDisks(CancellationToken cancellationToken);

    [Get("/Vm")]
    Task<IApiResponse<List<Vm>>> GetVms(CancellationToken cancellationToken);

    [Get("/Vm/{id}")]
    Task<IApiResponse<Vm>> GetVm(string id, CancellationToken cancellationToken);

    [Get("/Vm/{id}/VmDiskMapping")]
    Task<IApiResponse<List<VmDiskMapping>>> GetVmDiskMappings(string id, CancellationToken cancellationToken);

    [Get("/Vm/{id}/VirtualNic")]
    Task<IApiResponse<List<VirtualNic>>> GetVirtualNics(string id, CancellationToken cancellationToken);

    [Get("/Job/{id}")]
    Task<IApiResponse<Job>> GetJob(string id, CancellationToken cancellationToken);

    [Post("/Server/discover")]
    Task<IApiResponse<Job>> DiscoverServer(
        string serverName, bool takeOwnershipIfUnowned, [Body(BodySerializationMethod.Serialized)] string agentPassword, CancellationToken cancellationToken);

    [Post("/FileServer")]
    Task<IApiResponse<Job>> CreateFileServer([Body] FileServer fileServer, CancellationToken cancellationToken);

    [Put("/FileServer/{id}/refresh")]
    Task<IApiResponse<Job>> RefreshFileServer(string id, CancellationToken cancellationToken);

    [Put("/FileSystem/{id}/refresh")]
    Task<IApiResponse<Job>> RefreshFileSystem(string id, CancellationToken cancellationToken);

    [Post("/ServerPool")]
    Task<IApiResponse<Job>> CreateServerPool([Body] ServerPoolCreate pool, CancellationToken cancellationToken);

    [Post("/ServerPool/{id}/Cluster")]
    Task<IApiResponse<Job>> CreateCluster(string id, [Body] NamedCreate cluster, CancellationToken cancellationToken);

    [Post("/Cluster/{id}/ClusterHeartbeatDevice")]
    Task<IApiResponse<Job>> CreateHeartbeatDevice(string id, [Body] ClusterHeartbeatDevice device, CancellationToken cancellationToken);

    [Put("/ServerPool/{id}/addServer")]
    Task<IApiResponse<Job>> AddServerToPool(string id, [Body] SimpleId server, CancellationToken cancellationToken);

    [Post("/FileSystem/{id}/Repository")]
    Task<IApiResponse<Job>> CreateRepository(string id, [Body] NamedCreate repository, CancellationToken cancellationToken);

    [Put("/Repository/{id}/present")]
    Task<IApiResponse<Job>> PresentRepository(string id, [Body] SimpleId server, CancellationToken cancellationToken);

    [Put("/Repository/{id}/refresh")]
    Task<IApiResponse<Job>> RefreshRepository(string id, CancellationToken cancellationToken);

    [Put("/Vm/{id}/clone")]
    Task<IApiResponse<Job>> CloneVm(
        string id, string serverPoolId, string repositoryId, bool createTemplate, string name, CancellationToken cancellationToken);

    [Put("/Vm/{id}")]
    Task<IApiResponse<Job>> ModifyVm(string id, [Body] Vm vm, CancellationToken cancellationToken);

    [Post("/Vm/{id}/VirtualNic")]
    Task<IApiResponse<Job>> AddVirtualNic(string id, [Body] VirtualNic nic, CancellationToken cancellationToken);

    [Post("/Vm/{id}/VmDiskMapping")]
    Task<IApiResponse<Job>> AddDiskMapping(string id, [Body] VmDiskMapping mapping, CancellationToken cancellationToken);

    [Put("/Vm/{id}/start")]
    Task<IApiResponse<Job>> StartVm(string id, CancellationToken cancellationToken);

    [Put("/Vm/{id}/stop")]
    Task<IApiResponse<Job>> StopVm(string id, CancellationToken cancellationToken);

    /// <summary>Reference 6.8 [I]: the target server goes in the query.</summary>
    [Put("/Vm/{id}/migrate")]
    Task<IApiResponse<Job>> MigrateVm(string id, [Query] string serverId, CancellationToken cancellationToken);
}
