namespace OvmSelfHost.Tests.Slack;

/// <summary>Reading the fake Slack as a person would: the open proposal in the thread and its buttons.</summary>
internal static class SlackGates
{
    public static FakeSlackMessage? OpenProposal(this FakeSlackApi slack) =>
        slack.Messages.FirstOrDefault(m => m.ThreadTs is not null && m.HasButtons);

    public static string ButtonValue(this FakeSlackMessage message, string actionId) =>
        message.Buttons.Single(b => b["action_id"]!.GetValue<string>() == actionId)["value"]!.GetValue<string>();

    public static async Task<FakeSlackMessage> WaitForProposalAsync(this FakeSlackApi slack, string gate) =>
        await slack.WaitForAsync(() => slack.OpenProposal() is { } m && m.ButtonValue("gate.approve").Contains($".{gate}.", StringComparison.Ordinal) ? m : null, $"the {gate} proposal");

    /// <summary>
    /// Approves every proposal until the run ends, Bob first and Carol when a second vote is needed.
    /// <paramref name="vote"/> casts one vote (approver, button value) and returns the id of its
    /// response_url; by default it is a signed HTTP click, Socket Mode tests send an envelope.
    /// </summary>
    /// <returns>How many gates were decided.</returns>
    public static async Task<int> ApproveEveryGateAsync(this SlackTestHost host, int secondsPerStep = 60, Func<string, string, Task<string>>? vote = null)
    {
        vote ??= async (approver, value) => (await host.ClickAsync(approver, "gate.approve", value)).ResponseId;
        var decided = 0;
        while (true)
        {
            var next = await host.Slack.WaitForAsync<object>(() =>
                host.Slack.OpenProposal() ?? (object?)host.Slack.TopLevel.FirstOrDefault(m => m.Text.Contains("Completed", StringComparison.Ordinal) || m.Text.Contains("Failed", StringComparison.Ordinal)),
                "a proposal or the end", secondsPerStep);
            if (next is not FakeSlackMessage { ThreadTs: not null } proposal)
            {
                return decided;
            }

            var value = proposal.ButtonValue("gate.approve");
            foreach (var approver in new[] { SlackTestHost.Bob, SlackTestHost.Carol })
            {
                var replyId = await vote(approver, value);
                var reply = await host.Slack.WaitForAsync(() => host.Slack.Responses(replyId).FirstOrDefault(), "the vote's answer");
                Assert.Contains("approved", reply);
                if (!reply.Contains("(1 of 2)", StringComparison.Ordinal))
                {
                    break;
                }
            }

            decided++;
            await host.Slack.WaitForAsync(() => host.Slack.Messages.SingleOrDefault(m => m.Ts == proposal.Ts && !m.HasButtons), "the decided proposal");
        }
    }
}
