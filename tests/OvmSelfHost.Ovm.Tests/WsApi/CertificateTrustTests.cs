using Microsoft.Extensions.DependencyInjection;
using OvmSelfHost.Ovm.Tests.DependencyInjection;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.Tests.WsApi;

public sealed class CertificateTrustTests
{
    [Fact]
    public async Task PinnedThumbprintMatches_IsAccepted()
    {
        await using var server = await TlsManager.StartAsync();

        var status = await StatusAsync(server, ("CertificateThumbprint", server.Sha256Thumbprint));

        Assert.True(status.IsRunning);
    }

    [Fact]
    public async Task PinnedThumbprintWithColons_IsAccepted()
    {
        await using var server = await TlsManager.StartAsync();
        var withColons = string.Join(':', server.Sha256Thumbprint.Chunk(2).Select(c => new string(c)));

        Assert.True((await StatusAsync(server, ("CertificateThumbprint", withColons.ToLowerInvariant()))).IsRunning);
    }

    [Fact]
    public async Task PinnedThumbprintDiffers_IsRefusedAsUntrustedPeer()
    {
        await using var server = await TlsManager.StartAsync();

        var fault = await Assert.ThrowsAsync<OvmFaultException>(() => StatusAsync(server, ("CertificateThumbprint", new string('b', 64))));

        Assert.Equal(OvmFaultKind.UntrustedPeer, fault.Kind);
        Assert.Contains("CertificateThumbprint", fault.Message);
    }

    [Fact]
    public async Task CaFileTrusted_IsAccepted()
    {
        await using var server = await TlsManager.StartAsync();

        var status = await StatusAsync(server, ("CertificateThumbprint", null), ("CaCertificatePath", server.WriteCertificatePem()));

        Assert.True(status.IsRunning);
    }

    [Fact]
    public async Task NoPinNoCa_SelfSignedIsRefused()
    {
        await using var server = await TlsManager.StartAsync();

        var fault = await Assert.ThrowsAsync<OvmFaultException>(() => StatusAsync(server, ("CertificateThumbprint", null)));

        Assert.Equal(OvmFaultKind.UntrustedPeer, fault.Kind);
    }

    [Fact]
    public async Task SimulatorFlag_AcceptsAnyCertificate()
    {
        await using var server = await TlsManager.StartAsync();

        var status = await StatusAsync(server, ("CertificateThumbprint", null), ("TrustSimulatorCertificate", "true"));

        Assert.True(status.IsRunning);
    }

    private static async Task<ManagerStatus> StatusAsync(TlsManager server, params (string Key, string? Value)[] overrides)
    {
        var settings = AdapterServices.Configuration(server.BaseUrl);
        foreach (var (key, value) in overrides)
        {
            settings[$"Ovm:Environments:A:OriginalManager:{key}"] = value;
        }

        await using var services = AdapterServices.Build(settings);
        return await services.GetRequiredService<IOvmConnections>().Manager("A", ManagerRole.Original).GetStatusAsync(CancellationToken.None);
    }
}
