using OvmSelfHost.Tests.Migrations;

namespace OvmSelfHost.Tests.Slack;

/// <summary>The same Slack-only drive, with the host's real adapters against the Oracle VM simulator (Ovm:Adapter = Simulator).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SlackSimulatorMigrationTests
{
    [Fact]
    public async Task TwoPhaseMigration_AgainstTheSimulator_DrivenOnlyThroughSlack_Completes()
    {
        await using var world = await SimulatorWorld.StartAsync();
        var host = await SlackTestHost.StartAsync(settings: new Dictionary<string, string>
        {
            ["Ovm:Adapter"] = "Simulator",
            ["Simulator:Enabled"] = "false",
            ["Ovm:SimulatorControlUrl"] = world.ControlUrl.ToString(),
            ["Runbook:ManagerStopTimeout"] = "00:00:30",
        });
        try
        {
            await host.CommandAsync(SlackTestHost.Alice, "start A B now");

            var decided = await host.ApproveEveryGateAsync(secondsPerStep: 120);

            var main = host.Slack.TopLevel.Single();
            Assert.Contains("Completed", main.Text);
            Assert.True(decided >= 8, $"{decided} gates decided");
            Assert.DoesNotContain(host.Slack.Messages, m => m.HasButtons);
            Assert.Contains(host.Slack.Messages, m => m.ThreadTs == main.Ts && m.Text.StartsWith("> `", StringComparison.Ordinal));
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }
}
