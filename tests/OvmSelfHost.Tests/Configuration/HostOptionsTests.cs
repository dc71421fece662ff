using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Configuration;

/// <summary>
/// The host's own sections (Environments, Users, Runbook, MaintenanceWindows: options validated at start; Gates: read
/// at start): a bad value stops the host with a message that names the key.
/// </summary>
public sealed class HostOptionsTests
{
    [Theory]
    [InlineData("Environments:A:HostingPool", " ", "Environments:A:HostingPool is required")]
    [InlineData("Environments:B:ReplacementVm:InstallerIso", " ", "Environments:B:ReplacementVm:InstallerIso is required")]
    [InlineData("Users:0:Roles:0", "admiral", "Users:0:Roles has unknown role 'admiral'")]
    [InlineData("Users:1:Name", "alice", "Users lists 'alice' twice")]
    [InlineData("Runbook:HaRestartTimeout", "00:00:00", "Runbook:HaRestartTimeout must be positive")]
    [InlineData("Runbook:ExpectedDurations:Teleport", "00:01:00", "Runbook:ExpectedDurations:Teleport is not a step")]
    [InlineData("Runbook:JobTimeout", "soon", "Runbook:JobTimeout")]
    [InlineData("MaintenanceWindows:0:Cron", "not a cron", "MaintenanceWindows:0 (saturday-night):Cron 'not a cron' is not a Quartz cron expression")]
    [InlineData("Gates:Teleport", "OneApprover", "Gates:Teleport is not a gate")]
    [InlineData("Runbook:GateTime:Teleport:Then", "Expires", "Runbook:GateTime:Teleport is not a gate")]
    [InlineData("Runbook:GateTime:CreateManagerVm:Then", "Explode", "Runbook:GateTime:CreateManagerVm:Then = 'Explode' says nothing a gate can do")]
    [InlineData("Runbook:GateTime:Rollback:WaitFor", "00:00:00", "Runbook:GateTime:Rollback:WaitFor must be positive")]
    public void BadHostSetting_StopsTheHost_NamingTheKey(string key, string value, string expected)
    {
        using var host = new HostFactory(settings: new Dictionary<string, string> { [key] = value });

        var failure = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains(expected, failure.ToString());
    }
}
