using System.Text.Json.Nodes;
using OvmSelfHost.TestSupport.Fakes;

namespace OvmSelfHost.Tests.Slack;

/// <summary>Replies that are more than a sentence, as Slack shows them: Block Kit sections and fields, not space-aligned code blocks.</summary>
public sealed class SlackReplyTests
{
    [Fact]
    public async Task StatusAndWhyAtAGate_SlashCommands_StatusIsAFieldsTableAndWhyNamesDecidersAndTheCommand()
    {
        var host = await SlackTestHost.StartAsync(new FakeOvm());
        try
        {
            await host.CommandAsync(SlackTestHost.Alice, "start A B");
            await host.Slack.WaitForProposalAsync("CreateManagerVm");
            var shortId = (await host.MigrationsAsync()).Single().GetProperty("shortId").GetString()!;

            var (_, _, statusId) = await host.CommandAsync(SlackTestHost.Bob, "status");
            var (_, _, whyId) = await host.CommandAsync(SlackTestHost.Bob, $"why {shortId}");
            var status = await ReplyBodyAsync(host, statusId);
            var why = await ReplyBodyAsync(host, whyId);

            var statusBlocks = status["blocks"]!.AsArray();
            var row = Assert.Single(statusBlocks, b => b!["fields"] is not null)!["fields"]!.AsArray().Select(f => f!["text"]!.GetValue<string>()).ToList();
            Assert.Equal($"*{shortId}*", row[0]);
            Assert.Contains("*State*\nwaiting for approval", row);
            Assert.DoesNotContain("```", status.ToJsonString());
            var whyText = string.Join('\n', why["blocks"]!.AsArray().Select(b => b!["text"]?["text"]?.GetValue<string>()));
            Assert.Contains("Who can decide \"", whyText);
            Assert.Contains("bob or carol", whyText);
            Assert.Contains($"`/ovm approve {shortId} CreateManagerVm`", whyText);
            Assert.DoesNotContain("AwaitingApproval", whyText);
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    [Fact]
    public async Task OvmStatusWithoutTheSlash_AsAMention_IsUnderstood()
    {
        var host = await SlackTestHost.StartAsync(new FakeOvm());
        try
        {
            await host.EventAsync(SlackTestHost.Mention("Ev0NOSLASH", SlackTestHost.Bob, "ovm status", ts: "1700000300.000100"));

            var answer = await host.Slack.WaitForAsync(() => host.Slack.Messages.FirstOrDefault(m => m.ThreadTs == "1700000300.000100"), "the answer in the thread");
            Assert.Contains("No migrations yet", answer.Text);
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    private static async Task<JsonObject> ReplyBodyAsync(SlackTestHost host, string responseId) =>
        (await host.Slack.WaitForAsync(() => host.Slack.Calls.FirstOrDefault(c => c.Method == "response:" + responseId), "the reply")).Body;
}
