using OvmSelfHost.Tests.Migrations;

namespace OvmSelfHost.Tests.Teams;

/// <summary>The same Teams-only drive, with the host's real adapters against the Oracle VM simulator (Ovm:Adapter = Simulator).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TeamsSimulatorMigrationTests
{
    [Fact]
    public async Task TwoPhaseMigration_AgainstTheSimulator_DrivenOnlyThroughTeams_Completes()
    {
        await using var world = await SimulatorWorld.StartAsync();
        await using var host = await TeamsTestHost.StartAsync(settings: new Dictionary<string, string>
        {
            ["Ovm:Adapter"] = "Simulator",
            ["Simulator:Enabled"] = "false",
            ["Ovm:SimulatorControlUrl"] = world.ControlUrl.ToString(),
            ["Runbook:ManagerStopTimeout"] = "00:00:30",
        });
        var id = await host.StartAsync();

        var decided = await host.ApproveEveryGateAsync(id, secondsPerStep: 120);

        Assert.Equal("Completed", (await host.MigrationsAsync()).Single().GetProperty("state").GetString());
        var card = await host.Bot.WaitForAsync(() => host.Bot.Cards.SingleOrDefault(c => c.CardText.Contains("**Completed**", StringComparison.Ordinal)), "the completed card");
        Assert.Single(host.Bot.Cards);
        Assert.False(card.HasButtons);
        Assert.True(decided >= 8, $"{decided} gates decided");
    }
}
