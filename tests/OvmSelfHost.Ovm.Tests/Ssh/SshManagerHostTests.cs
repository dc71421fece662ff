using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.Tests.Ssh;

public sealed class SshManagerHostTests
{
    private static SshTestEnvironment Env => SshTestEnvironment.Required;

    [SshFact]
    public async Task ConfigPresent_ReadManagerConfig_ReturnsUuidAndKeys()
    {
        var config = await Env.Host().ReadManagerConfigAsync(CancellationToken.None);

        Assert.Equal(Env["OVM_SSHD_UUID"], config.Uuid);
        Assert.Equal("49500", config.Values["LSNR"]);
    }

    [SshFact]
    public async Task ConfigMissing_ReadManagerConfig_ThrowsBadResponseNamingTheFile()
    {
        var emptyRoot = Directory.CreateTempSubdirectory("ovm-empty-root").FullName;
        var host = Env.Host(o => o.FileSystemRoot = emptyRoot);

        var fault = await Assert.ThrowsAsync<OvmFaultException>(() => host.ReadManagerConfigAsync(CancellationToken.None));

        Assert.Equal(OvmFaultKind.BadResponse, fault.Kind);
        Assert.Contains(".config does not exist", fault.Message);
    }

    [SshFact]
    public async Task ConfigWithoutUuid_ReadManagerConfig_ThrowsBadResponse()
    {
        var root = Directory.CreateTempSubdirectory("ovm-nouuid-root").FullName;
        var dir = Directory.CreateDirectory(Path.Combine(root, "u01/app/oracle/ovm-manager-3")).FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, ".config"), "DBTYPE=MySQL\nLSNR=49500\n");

        var fault = await Assert.ThrowsAsync<OvmFaultException>(
            () => Env.Host(o => o.FileSystemRoot = root).ReadManagerConfigAsync(CancellationToken.None));

        Assert.Equal(OvmFaultKind.BadResponse, fault.Kind);
        Assert.Contains("no UUID=", fault.Message);
    }

    [SshFact]
    public async Task InstallerSucceeds_RunInstaller_StreamsLinesAndReturnsZero()
    {
        var lines = new List<string>();
        var progress = new SynchronousProgress(lines.Add);

        var result = await Env.Host().RunInstallerAsync(Env["OVM_SSHD_UUID"], progress, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Contains($"Installing with UUID {Env["OVM_SSHD_UUID"]}", lines);
        Assert.Equal("Installation of Oracle VM Manager completed successfully.", result.LastLines[^1]);
        Assert.True(lines.Count >= 7);
    }

    [SshFact]
    public async Task Installer_RunInstaller_ReportsLinesWhileItRuns()
    {
        // The installer waits for the test to release it, and the test releases it only from the progress
        // callback: if lines were buffered until the installer ended, it would never be released and would
        // exit 1 after its minute.
        using var installer = HeldInstaller.Create();
        var host = Env.Host(o => o.InstallerCommand = installer.Command);
        var linesBeforeRelease = 0;

        var result = await host.RunInstallerAsync(Env["OVM_SSHD_UUID"], new SynchronousProgress(_ =>
        {
            if (!installer.Released) linesBeforeRelease++;
            installer.Release();
        }), CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, linesBeforeRelease);
    }

    [SshFact]
    public async Task InstallerRunning_IsInstallerRunning_TrueWhileItRunsAndFalseAfter()
    {
        // An installer that runs until the test lets it end, so a slow SSH connection under load cannot
        // make "while it runs" come after it has already finished.
        using var installer = HeldInstaller.Create();
        var host = Env.Host(o => o.InstallerCommand = installer.Command);
        var firstLine = new TaskCompletionSource();
        var install = host.RunInstallerAsync(Env["OVM_SSHD_UUID"], new SynchronousProgress(_ => firstLine.TrySetResult()), CancellationToken.None);
        await firstLine.Task;

        var whileRunning = await host.IsInstallerRunningAsync(CancellationToken.None);
        installer.Release();
        var result = await install;
        var after = await host.IsInstallerRunningAsync(CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.True(whileRunning);
        Assert.False(after);
    }

    [SshFact]
    public async Task InstallerFails_RunInstaller_ReturnsExitCodeAndLastLines()
    {
        var host = Env.Host(o => o.InstallerCommand = Path.Combine(Env.Root, "bin/runInstaller-fails.sh"));

        var result = await host.RunInstallerAsync(Env["OVM_SSHD_UUID"], new SynchronousProgress(_ => { }), CancellationToken.None);

        Assert.Equal(7, result.ExitCode);
        Assert.Contains(result.LastLines, l => l.Contains("Recommended memory"));
    }

    [Theory]
    [InlineData("0004fb; rm -rf /")]
    [InlineData("$(reboot)")]
    [InlineData("0004fb")]
    [InlineData("")]
    public async Task UuidNotHex_RunInstaller_RefusedBeforeConnecting(string uuid)
    {
        var host = new OvmSelfHost.Ovm.Ssh.SshManagerHost(
            new() { Address = "192.0.2.1", PrivateKeyPath = "/nonexistent", HostKey = "SHA256:x" },
            Microsoft.Extensions.Logging.Abstractions.NullLogger<OvmSelfHost.Ovm.Ssh.SshManagerHost>.Instance);

        var fault = await Assert.ThrowsAsync<OvmFaultException>(
            () => host.RunInstallerAsync(uuid, new SynchronousProgress(_ => { }), CancellationToken.None));

        Assert.Equal(OvmFaultKind.BadResponse, fault.Kind);
    }

    [SshFact]
    public async Task Service_StopThenStart_StatusFollows()
    {
        var host = Env.Host();
        var service = "ovmtest" + Guid.NewGuid().ToString("N")[..8];

        await host.StartServiceAsync(service, CancellationToken.None);
        Assert.Equal(ServiceState.Running, await host.GetServiceStateAsync(service, CancellationToken.None));
        await host.StopServiceAsync(service, CancellationToken.None);
        Assert.Equal(ServiceState.Stopped, await host.GetServiceStateAsync(service, CancellationToken.None));
        await host.StartServiceAsync(service, CancellationToken.None);
        Assert.Equal(ServiceState.Running, await host.GetServiceStateAsync(service, CancellationToken.None));
    }

    [SshFact]
    public async Task UnknownService_Status_IsUnknownAndStopFails()
    {
        var host = Env.Host();

        Assert.Equal(ServiceState.Unknown, await host.GetServiceStateAsync("nosuchservice", CancellationToken.None));
        var fault = await Assert.ThrowsAsync<OvmFaultException>(() => host.StopServiceAsync("nosuchservice", CancellationToken.None));
        Assert.Equal(OvmFaultKind.OperationFailed, fault.Kind);
    }

    [SshFact]
    public async Task GuestFacts_AreReadFromTheHost()
    {
        var facts = await Env.Host().GetGuestOsFactsAsync(CancellationToken.None);

        Assert.Equal("Oracle Linux Server release 7.9", facts.Release);
        Assert.False(string.IsNullOrEmpty(facts.Architecture));
        Assert.Equal(7821, facts.MemoryMegabytes);
        Assert.Equal(Environment.ProcessorCount, facts.Cpus);
        Assert.Equal(4095, facts.SwapMegabytes);
        Assert.Equal(["/tmp", "/u01", "/usr", "/var"], facts.FreeMegabytes.Keys.Order());
        Assert.All(facts.FreeMegabytes.Values, free => Assert.True(free > 0));
    }
}
