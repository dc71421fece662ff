using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Tests.Engine;

public sealed class OperationDurationsTests
{
    private static IntentRecord Job(string key, int seconds, IntentStatus status = IntentStatus.Completed)
    {
        var at = new DateTimeOffset(2027, 1, 4, 22, 0, 0, TimeSpan.Zero);
        return new IntentRecord { Phase = 1, Step = "Rediscover", Key = key, Description = key, Status = status, JobId = "1", RecordedAt = at, CompletedAt = at.AddSeconds(seconds) };
    }

    [Fact]
    public void A_kind_of_job_is_expected_to_take_the_median_of_its_last_runs()
    {
        var durations = new OperationDurations();

        durations.Learn([Job("Rediscover:discover:ovs-b1", 20), Job("Rediscover:discover:ovs-b2", 22), Job("Rediscover:discover:ovs-b3", 60)]);

        Assert.Equal(TimeSpan.FromSeconds(22), durations.Expected("Rediscover:discover:ovs-a1"));
        Assert.Null(durations.Expected("Rediscover:refresh-repo:r1"));
    }

    [Fact]
    public void An_intent_is_learned_once_and_only_when_its_job_completed()
    {
        var durations = new OperationDurations();
        var once = Job("CreateManagerVm:create", 10);

        durations.Learn([once, once, Job("CreateManagerVm:create", 500, IntentStatus.Failed)]);
        durations.Learn([once]);

        Assert.Equal(TimeSpan.FromSeconds(10), durations.Expected("CreateManagerVm:create"));
    }

    [Fact]
    public void A_kind_never_seen_uses_its_configured_expectation_until_one_completed()
    {
        var durations = new OperationDurations(new Dictionary<string, TimeSpan> { ["Rediscover:discover"] = TimeSpan.FromSeconds(30) });
        var configured = durations.Expected("Rediscover:discover:ovs-a1");

        durations.Learn([Job("Rediscover:discover:ovs-b1", 20)]);

        Assert.Equal(TimeSpan.FromSeconds(30), configured);
        Assert.Equal(TimeSpan.FromSeconds(20), durations.Expected("Rediscover:discover:ovs-a1"));
        Assert.Null(durations.Expected("Rediscover:refresh-repo:r1"));
    }
}
