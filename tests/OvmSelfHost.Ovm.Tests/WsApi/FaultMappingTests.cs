using System.Net;
using System.Net.Sockets;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.Tests.WsApi;

public sealed class FaultMappingTests
{
    [Theory]
    [InlineData(HttpStatusCode.NotFound, "GEN_000002", OvmFaultKind.NotFound)]
    [InlineData(HttpStatusCode.BadRequest, "GEN_000011", OvmFaultKind.Conflict)]
    [InlineData(HttpStatusCode.BadRequest, "GEN_000029", OvmFaultKind.Locked)]
    [InlineData(HttpStatusCode.Unauthorized, "AUTH_000005", OvmFaultKind.Unauthorized)]
    [InlineData(HttpStatusCode.BadRequest, "VM_000004", OvmFaultKind.OperationFailed)]
    public async Task ErrorBody_IsTranslatedToFaultKindWithCode(HttpStatusCode status, string code, OvmFaultKind kind)
    {
        var stub = new StubManager(_ => StubManager.Error(status, code, "something about the object"));

        var fault = await Assert.ThrowsAsync<OvmFaultException>(
            () => WsApiTestManagers.Over(stub).StartAsync(new StartVm("0004fb00000600001234"), CancellationToken.None));

        Assert.Equal(kind, fault.Kind);
        Assert.Equal(code, fault.Code);
    }

    [Fact]
    public async Task Unauthorized_MessageNamesUserAndKeyButNoPassword()
    {
        var stub = new StubManager(_ => StubManager.Error(HttpStatusCode.Unauthorized, "AUTH_000005", "Invalid credentials"));

        var fault = await Assert.ThrowsAsync<OvmFaultException>(() => WsApiTestManagers.Over(stub).GetStatusAsync(CancellationToken.None));

        Assert.Contains("'admin'", fault.Message);
        Assert.Contains("Ovm:Environments:A:OriginalManager:Password", fault.Message);
        Assert.DoesNotContain("agent-secret", fault.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "<html>not json</html>")]
    [InlineData(HttpStatusCode.InternalServerError, "<html>Internal error</html>")]
    [InlineData(HttpStatusCode.OK, "{\"truncated\":")]
    public async Task UnreadableBody_IsBadResponse(HttpStatusCode status, string body)
    {
        var stub = new StubManager(_ => new HttpResponseMessage(status) { Content = new StringContent(body) });

        var fault = await Assert.ThrowsAsync<OvmFaultException>(() => WsApiTestManagers.Over(stub).GetInventoryAsync(CancellationToken.None));

        Assert.Equal(OvmFaultKind.BadResponse, fault.Kind);
    }

    [Fact]
    public async Task NothingListening_IsUnreachable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var manager = WsApiTestManagers.Over(new SocketsHttpHandler(), baseUrl: $"http://127.0.0.1:{port}/ovm/core/wsapi/rest");

        var fault = await Assert.ThrowsAsync<OvmFaultException>(() => manager.GetStatusAsync(CancellationToken.None));

        Assert.Equal(OvmFaultKind.Unreachable, fault.Kind);
        Assert.Contains("reachable", fault.Message);
    }

    [Fact]
    public async Task ModifyingCallUnreachable_MessageWarnsItWasNotRepeated()
    {
        var stub = new StubManager(_ => throw new HttpRequestException("Connection reset by peer"));

        var fault = await Assert.ThrowsAsync<OvmFaultException>(
            () => WsApiTestManagers.Over(stub).StartAsync(new RefreshRepository("0004fb0000030000aa"), CancellationToken.None));

        Assert.Equal(OvmFaultKind.Unreachable, fault.Kind);
        Assert.Contains("not repeated", fault.Message);
        Assert.Single(stub.Requests);
    }
}
