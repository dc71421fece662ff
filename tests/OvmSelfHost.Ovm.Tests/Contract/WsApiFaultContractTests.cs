using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using OvmSelfHost.Ovm.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.Tests.Contract;

/// <summary>Failures as the simulator produces them: injected faults, stale objects, unknown ids, credentials, TLS.</summary>
public sealed class WsApiFaultContractTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => sim.ClearFaultsAsync();

    public Task DisposeAsync() => sim.ClearFaultsAsync();

    [Fact]
    public async Task InjectedJobFailure_WaitReportsMessageAndCode()
    {
        await sim.AddFaultAsync(new { manager = "ovmm-a", kind = "jobFailure", operation = "Repository.refresh", message = "OVMAPI_4010E Refresh failed: storage offline", errorCode = "OVMAPI_4010E", count = 1 });
        var repository = (await sim.ManagerA.GetInventoryAsync(CancellationToken.None)).Repository("repo-a");

        var result = await WsApiContractTests.RunAsync(sim.ManagerA, new RefreshRepository(repository));

        Assert.Equal(OvmJobState.Failed, result.State);
        Assert.Equal("OVMAPI_4010E", result.ErrorCode);
        Assert.Contains("storage offline", result.ErrorMessage);
    }

    [Fact]
    public async Task HangingJob_WaitReturnsHungAfterTheTimeout()
    {
        await sim.AddFaultAsync(new { manager = "ovmm-a", kind = "jobHang", operation = "FileServer.refresh" });
        var fileServer = (await sim.ManagerA.GetInventoryAsync(CancellationToken.None)).FileServer("nfs-a");
        var ticket = await sim.ManagerA.StartAsync(new RefreshFileServer(fileServer), CancellationToken.None);

        var result = await sim.ManagerA.WaitForJobAsync(ticket.JobId, TimeSpan.FromSeconds(2), CancellationToken.None);

        Assert.Equal(OvmJobState.Hung, result.State);
        Assert.Equal(ticket.JobId, result.JobId);
        await sim.ClearFaultsAsync();
        Assert.Equal(OvmJobState.Succeeded, (await sim.ManagerA.WaitForJobAsync(ticket.JobId, TimeSpan.FromSeconds(30), CancellationToken.None)).State);
    }

    [Fact]
    public async Task LockedObject_ModifyingCallIsRefusedAsLocked()
    {
        var vm = (await sim.ManagerA.GetInventoryAsync(CancellationToken.None)).Vm("app-a1");
        await sim.AddFaultAsync(new { kind = "lockedObject", objectId = vm });

        var fault = await Assert.ThrowsAsync<OvmFaultException>(() => sim.ManagerA.StartAsync(new StopVm(vm), CancellationToken.None));

        Assert.Equal(OvmFaultKind.Locked, fault.Kind);
        Assert.Equal("GEN_000029", fault.Code);
    }

    [Fact]
    public async Task UnknownIds_AreNotFound()
    {
        var start = await Assert.ThrowsAsync<OvmFaultException>(() => sim.ManagerA.StartAsync(new StartVm("0004fb0000060000ffffffffffffffff"), CancellationToken.None));
        var job = await Assert.ThrowsAsync<OvmFaultException>(() => sim.ManagerA.GetJobAsync("1", CancellationToken.None));

        Assert.Equal(OvmFaultKind.NotFound, start.Kind);
        Assert.Equal("GEN_000002", start.Code);
        Assert.Equal(OvmFaultKind.NotFound, job.Kind);
    }

    [Fact]
    public async Task StaleGeneration_IsConflict()
    {
        var api = Refit.RestService.For<OvmSelfHost.Ovm.WsApi.IOvmWsApi>(
            sim.Services.GetRequiredService<IHttpClientFactory>().CreateClient("ovm-wsapi:B:Original"), OvmSelfHost.Ovm.WsApi.WsApiJson.Settings());
        var faults = new OvmSelfHost.Ovm.WsApi.WsApiFaults(new("B manager", "admin", "Ovm:Environments:B:OriginalManager"));
        var vm = (await faults.ContentAsync(() => api.GetVms(CancellationToken.None), "list VMs")).First(v => v.Name == "app-b2");
        var first = await faults.ContentAsync(() => api.ModifyVm(vm.IdValue, vm with { Description = "first" }, CancellationToken.None), "modify");
        await sim.ManagerB.WaitForJobAsync(first.IdValue, TimeSpan.FromSeconds(30), CancellationToken.None);

        var fault = await Assert.ThrowsAsync<OvmFaultException>(
            () => faults.ContentAsync(() => api.ModifyVm(vm.IdValue, vm with { Description = "second" }, CancellationToken.None), "modify VM app-b2"));

        Assert.Equal(OvmFaultKind.Conflict, fault.Kind);
        Assert.Equal("GEN_000011", fault.Code);
    }

    [Fact]
    public async Task InjectedServerErrorOnModifyingCall_IsNotRetried()
    {
        var vm = (await sim.ManagerA.GetInventoryAsync(CancellationToken.None)).Vm("app-a2");
        await sim.AddFaultAsync(new { manager = "ovmm-a", kind = "http500", method = "PUT", count = 1, message = "boom" });

        var fault = await Assert.ThrowsAsync<OvmFaultException>(() => sim.ManagerA.StartAsync(new StartVm(vm), CancellationToken.None));

        Assert.Equal(OvmFaultKind.OperationFailed, fault.Kind);
    }

    [Fact]
    public async Task InjectedServerErrorOnRead_IsRetried()
    {
        await sim.AddFaultAsync(new { manager = "ovmm-a", kind = "http500", method = "GET", path = "^/Manager$", count = 2 });

        var status = await sim.ManagerA.GetStatusAsync(CancellationToken.None);

        Assert.True(status.IsRunning);
    }

    [Fact]
    public async Task WrongPassword_IsUnauthorized()
    {
        var options = Copy(sim.Options, m => m.Password = "wrong-password");
        await using var services = SimulatorFixture.Build(options);

        var fault = await Assert.ThrowsAsync<OvmFaultException>(
            () => services.GetRequiredService<IOvmConnections>().Manager("A", ManagerRole.Original).GetStatusAsync(CancellationToken.None));

        Assert.Equal(OvmFaultKind.Unauthorized, fault.Kind);
        Assert.Equal("AUTH_000005", fault.Code);
        Assert.DoesNotContain("wrong-password", fault.Message);
    }

    [Fact]
    public async Task PinnedThumbprint_RightOneAccepted_WrongOneRefused()
    {
        var thumbprint = await ThumbprintOfAsync(sim.Simulator.Manager("ovmm-a").HttpsBaseUrl);
        await using var pinned = SimulatorFixture.Build(Copy(sim.Options, m => { m.TrustSimulatorCertificate = false; m.CertificateThumbprint = thumbprint; }));
        await using var wrong = SimulatorFixture.Build(Copy(sim.Options, m => { m.TrustSimulatorCertificate = false; m.CertificateThumbprint = new string('0', 64); }));

        var status = await pinned.GetRequiredService<IOvmConnections>().Manager("A", ManagerRole.Original).GetStatusAsync(CancellationToken.None);
        var fault = await Assert.ThrowsAsync<OvmFaultException>(
            () => wrong.GetRequiredService<IOvmConnections>().Manager("A", ManagerRole.Original).GetStatusAsync(CancellationToken.None));

        Assert.True(status.IsRunning);
        Assert.Equal(OvmFaultKind.UntrustedPeer, fault.Kind);
    }

    private static OvmAdapterOptions Copy(OvmAdapterOptions source, Action<OvmManagerOptions> change)
    {
        var manager = source.Environments["A"].OriginalManager!;
        var copy = new OvmManagerOptions
        {
            BaseUrl = manager.BaseUrl, Username = manager.Username, Password = manager.Password,
            TrustSimulatorCertificate = manager.TrustSimulatorCertificate,
        };
        change(copy);
        var environments = new Dictionary<string, OvmEnvironmentOptions>(source.Environments, StringComparer.OrdinalIgnoreCase)
        {
            ["A"] = new() { OriginalManager = copy, ReplacementManager = source.Environments["A"].ReplacementManager, Hosts = source.Environments["A"].Hosts },
        };
        return new OvmAdapterOptions { Environments = environments, Secrets = source.Secrets };
    }

    private static async Task<string> ThumbprintOfAsync(Uri httpsUrl)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(httpsUrl.Host, httpsUrl.Port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync("127.0.0.1");
        return Convert.ToHexString(SHA256.HashData(tls.RemoteCertificate!.GetRawCertData()));
    }
}
