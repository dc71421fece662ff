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
}
