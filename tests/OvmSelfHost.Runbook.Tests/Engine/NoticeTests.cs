using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.TestSupport.Fakes;

namespace OvmSelfHost.Runbook.Tests.Engine;

/// <summary>The engine hands every change's notice to the store with the change itself (the outbox), and output lines as they come.</summary>
public sealed class NoticeTests
{
    [Fact]
    public async Task GateOpens_Save_CarriesItsNoticeInTheSameSave()
    {
        var harness = new EngineHarness();

        var run = await harness.StartAsync();

        var notices = harness.Store.Notices.Where(n => n.MigrationId == run.Id).ToList();
        Assert.Equal(RunNotice.Changed("requested"), notices[0].Notice);
        var gate = Assert.Single(notices, n => n.Notice.Text.Contains("waits for", StringComparison.Ordinal));
        Assert.Equal(RunState.AwaitingApproval, gate.State);
        Assert.Equal(run.StatusMessage, gate.Notice.Text);
        Assert.Equal(harness.Notifier.Changes.Count, notices.Count(n => n.Notice.Kind == RunNoticeKind.Changed));
    }

    [Fact]
    public async Task StepPrintsOutput_Output_GoesToTheStoreAsANoticeOfItsOwn()
    {
        var harness = new EngineHarness();
        var run = await harness.StartAsync();

        run = await harness.ApproveAsync(run.Id, "bob");
        run = await harness.ApproveAsync(run.Id, "bob");

        var output = harness.Store.Notices.Where(n => n.MigrationId == run.Id && n.Notice.Kind == RunNoticeKind.Output).Select(n => n.Notice.Text).ToList();
        Assert.NotEmpty(output);
        Assert.Equal(harness.Notifier.Output, output);
    }
}
