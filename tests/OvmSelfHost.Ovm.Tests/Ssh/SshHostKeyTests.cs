using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.Tests.Ssh;

public sealed class SshHostKeyTests
{
    private static SshTestEnvironment Env => SshTestEnvironment.Required;

    [SshFact]
    public async Task PinnedByFingerprint_Connects()
    {
        var host = Env.Host(o => o.HostKey = Env["OVM_SSHD_HOST_KEY_SHA256"]);

        var config = await host.ReadManagerConfigAsync(CancellationToken.None);

        Assert.NotNull(config.Uuid);
    }

    [SshFact]
    public async Task PinnedAsKnownHostsLineWithHostName_Connects()
    {
        var host = Env.Host(o => o.HostKey = $"[127.0.0.1]:{Env["OVM_SSHD_PORT"]} {Env["OVM_SSHD_HOST_KEY"]} comment");

        Assert.NotNull((await host.ReadManagerConfigAsync(CancellationToken.None)).Uuid);
    }

    [SshFact]
    public async Task DifferentHostKey_IsRefusedAsUntrustedPeer()
    {
        var host = Env.Host(o => o.HostKey = Env["OVM_SSHD_OTHER_HOST_KEY"]);

        var fault = await Assert.ThrowsAsync<OvmFaultException>(() => host.ReadManagerConfigAsync(CancellationToken.None));

        Assert.Equal(OvmFaultKind.UntrustedPeer, fault.Kind);
        Assert.Contains(Env["OVM_SSHD_HOST_KEY_SHA256"], fault.Message);
    }

    [SshFact]
    public async Task WrongFingerprint_IsRefusedAsUntrustedPeer()
    {
        var host = Env.Host(o => o.HostKey = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        var fault = await Assert.ThrowsAsync<OvmFaultException>(() => host.GetGuestOsFactsAsync(CancellationToken.None));

        Assert.Equal(OvmFaultKind.UntrustedPeer, fault.Kind);
    }

    [SshFact]
    public async Task NoHostKeyConfigured_IsRefusedAsUntrustedPeer()
    {
        var host = Env.Host(o => o.HostKey = "");

        var fault = await Assert.ThrowsAsync<OvmFaultException>(() => host.GetGuestOsFactsAsync(CancellationToken.None));

        Assert.Equal(OvmFaultKind.UntrustedPeer, fault.Kind);
    }

    [SshFact]
    public async Task KeyNotAuthorized_IsUnauthorized()
    {
        var host = Env.Host(o => o.PrivateKeyPath = Env["OVM_SSHD_STRANGER_KEY"]);

        var fault = await Assert.ThrowsAsync<OvmFaultException>(() => host.ReadManagerConfigAsync(CancellationToken.None));

        Assert.Equal(OvmFaultKind.Unauthorized, fault.Kind);
        Assert.DoesNotContain("PRIVATE KEY", fault.Message);
    }

    [SshFact]
    public async Task NothingListening_IsUnreachable()
    {
        var host = Env.Host(o => o.Port = 1);

        var fault = await Assert.ThrowsAsync<OvmFaultException>(() => host.ReadManagerConfigAsync(CancellationToken.None));

        Assert.Equal(OvmFaultKind.Unreachable, fault.Kind);
    }
}
