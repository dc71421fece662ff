using System.Text.Json;
using OvmSelfHost.Chat.Slack.Endpoints;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Slack;

/// <summary>Two replicas of the host on one PostgreSQL database, behind one Slack app.</summary>
public sealed class SlackReplicaTests
{
    [Fact]
    public async Task OneSignedCommand_DeliveredToTwoReplicasAtOnce_IsHandledByOne()
    {
        var settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:ConnectionString"] = await Databases.CreatePostgresDatabaseAsync(),
        };
        var first = await SlackTestHost.StartAsync(settings: settings);
        await using var second = await SlackTestHost.StartAsync(slack: first.Slack, settings: settings);
        try
        {
            await first.MigrationsAsync(); // both hosts up (and the tables created) before the race
            await second.MigrationsAsync();

            for (var round = 0; round < 5; round++)
            {
                var command = first.SignedCommand(SlackTestHost.Bob, "status");

                var answers = await Task.WhenAll(first.SendSignedAsync(command), second.SendSignedAsync(command));

                var texts = answers.Select(a => JsonDocument.Parse(a.Body).RootElement.GetProperty("text").GetString()!).ToList();
                Assert.Single(texts, t => t.StartsWith("Working on", StringComparison.Ordinal));
                var reply = await first.Slack.WaitForAsync(() => first.Slack.Responses(command.ResponseId).FirstOrDefault(), "the one reply");
                Assert.Contains("No migrations yet", reply);
                Assert.Single(texts, t => t == SlackCommandHandler.StillWorking || t == reply);
                await Task.Delay(200);
                Assert.Single(first.Slack.Responses(command.ResponseId));
            }
        }
        finally
        {
            await first.DisposeAllAsync();
        }
    }
}
