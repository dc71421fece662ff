using System.Net;
using System.Text.Json;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.Tests.WsApi;

/// <summary>Each single-call operation goes to the WS-API call of reference section 8, and returns the job at once.</summary>
public sealed class OperationMappingTests
{
    public static TheoryData<OvmOperation, string, string> SingleCalls => new()
    {
        { new DiscoverServer("ovs-a1"), "POST", "/Server/discover" },
        { new RefreshFileServer("fs1"), "PUT", "/FileServer/fs1/refresh" },
        { new RefreshFileSystem("fsys1"), "PUT", "/FileSystem/fsys1/refresh" },
        { new AddServerToPool("pool1", "srv1"), "PUT", "/ServerPool/pool1/addServer" },
        { new CreateRepository("repo", "fsys1"), "POST", "/FileSystem/fsys1/Repository" },
        { new PresentRepository("repo1", "srv1"), "PUT", "/Repository/repo1/present" },
        { new RefreshRepository("repo1"), "PUT", "/Repository/repo1/refresh" },
        { new StartVm("vm1"), "PUT", "/Vm/vm1/start" },
        { new StopVm("vm1"), "PUT", "/Vm/vm1/stop" },
    };

    [Theory]
    [MemberData(nameof(SingleCalls))]
    public async Task Operation_Start_SendsOneCallAndReturnsTheJob(OvmOperation operation, string method, string path)
    {
        var stub = new StubManager(_ => StubManager.Json(StubManager.Job("1001", done: false), HttpStatusCode.Created));

        var ticket = await WsApiTestManagers.Over(stub).StartAsync(operation, CancellationToken.None);

        Assert.Equal("1001", ticket.JobId);
        var request = Assert.Single(stub.Requests);
        Assert.Equal(method, request.Method);
        Assert.EndsWith(path, request.Path);
    }

    [Fact]
    public async Task DiscoverServer_SendsAgentPasswordAsJsonStringAndTakesOwnership()
    {
        var stub = new StubManager(_ => StubManager.Json(StubManager.Job("1002", done: false), HttpStatusCode.Created));

        await WsApiTestManagers.Over(stub, secrets: name => name == "OVS_AGENT_PASSWORD" ? "Welcome1" : null)
            .StartAsync(new DiscoverServer("ovs-b1"), CancellationToken.None);

        var request = Assert.Single(stub.Requests);
        Assert.Equal("\"Welcome1\"", request.Body);
        Assert.Contains("serverName=ovs-b1", request.Query);
        Assert.Contains("takeOwnershipIfUnowned=true", request.Query, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DiscoverServer_SecretMissing_RefusedWithoutCalling()
    {
        var stub = new StubManager(_ => throw new InvalidOperationException("must not be called"));

        var fault = await Assert.ThrowsAsync<OvmFaultException>(
            () => WsApiTestManagers.Over(stub, secrets: _ => null).StartAsync(new DiscoverServer("ovs-b1"), CancellationToken.None));

        Assert.Contains("Ovm__Secrets__OVS_AGENT_PASSWORD", fault.Message);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task AttachIso_MapsTheIsoReadOnlyOnTheNextFreeSlot()
    {
        var stub = new StubManager(request => request.RequestUri!.AbsolutePath switch
        {
            var p when p.EndsWith("/Repository/repo1/VirtualDisk", StringComparison.Ordinal) => StubManager.Json(
                """[{"id":{"value":"disk1.img"},"name":"system.img","diskType":"VIRTUAL_DISK"},{"id":{"value":"iso1.iso"},"name":"installer.iso","diskType":"VIRTUAL_CDROM"}]"""),
            var p when p.EndsWith("/Vm/vm1/VmDiskMapping", StringComparison.Ordinal) && request.Method == HttpMethod.Get => StubManager.Json(
                """[{"id":{"value":"m1"},"diskTarget":0},{"id":{"value":"m2"},"diskTarget":1}]"""),
            _ => StubManager.Json(StubManager.Job("1003", done: false), HttpStatusCode.Created),
        });

        var ticket = await WsApiTestManagers.Over(stub).StartAsync(new AttachIso("vm1", "repo1", "installer.iso"), CancellationToken.None);

        Assert.Equal("1003", ticket.JobId);
        var post = Assert.Single(stub.Requests, r => r.Method == "POST");
        using var body = JsonDocument.Parse(post.Body!);
        Assert.Equal("iso1.iso", body.RootElement.GetProperty("virtualDiskId").GetProperty("value").GetString());
        Assert.Equal(2, body.RootElement.GetProperty("diskTarget").GetInt32());
        Assert.Equal("READ_ONLY", body.RootElement.GetProperty("diskWriteMode").GetString());
    }
}
