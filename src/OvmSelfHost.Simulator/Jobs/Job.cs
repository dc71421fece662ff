using System.Text.Json.Nodes;
using OvmSelfHost.Simulator.Model;
using OvmSelfHost.Simulator.World;

namespace OvmSelfHost.Simulator.Jobs;

/// <summary>
/// A WS-API job: CREATED (not initiated while the manager is STARTING) → RUNNING for its simulated
/// duration → SUCCESS or FAILURE. Its work runs when it completes; it locks <see cref="Locks"/> until then.
/// </summary>
internal sealed class Job : ModelObject
{
    public override string TypeName => "Job";
    public required SimManager Owner { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required TimeSpan Duration { get; init; }
    public required Func<JobOutcome> Work { get; init; }
    public IReadOnlyList<ModelObject> Locks { get; init; } = [];
    public string User { get; init; } = "admin";
    public string RunState { get; set; } = "CREATED";
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public bool Done { get; set; }
    public ModelObject? Result { get; set; }
    public string? ErrorMessage { get; set; }
    public string? ErrorType { get; set; }
    public string? ProgressMessage { get; set; }
    public string? AbortedBy { get; set; }
    public Job? Parent { get; set; }
    public List<Job> Children { get; } = [];

    /// <summary>Set by a <c>jobHang</c> fault: the job stays RUNNING until this returns false.</summary>
    public Func<bool>? HangWhile { get; set; }

    /// <summary>Set by a <c>jobFailure</c> fault: the job fails with this instead of doing its work.</summary>
    public JobFailedException? InjectedFailure { get; set; }

    public bool SummaryDone => Done && Children.All(c => c.SummaryDone);

    public DateTimeOffset? DueAt => StartedAt + Duration;

    protected override void WriteFields(JsonObject o, RenderContext c)
    {
        o["userData"] = null;
        o["resourceGroupIds"] = null;
        o["resultId"] = Result is null ? null : c.SimpleId(Result);
        o["jobRunState"] = RunState;
        o["jobSummaryState"] = SummaryState();
        o["done"] = Done;
        o["summaryDone"] = SummaryDone;
        o["jobGroup"] = Children.Count > 0;
        o["error"] = new JsonObject { ["message"] = ErrorMessage, ["type"] = ErrorType };
        o["progressMessage"] = ProgressMessage;
        o["latestSummaryProgressMessage"] = ProgressMessage;
        o["extraInfo"] = null;
        o["parentJobId"] = Parent is null ? null : c.SimpleId(Parent);
        o["childJobIds"] = new JsonArray(Children.Select(j => (JsonNode?)c.SimpleId(j)).ToArray());
        o["user"] = User;
        o["abortedByUser"] = AbortedBy;
        o["startTime"] = (StartedAt ?? CreatedAt).ToUnixTimeMilliseconds();
        o["endTime"] = EndedAt?.ToUnixTimeMilliseconds();
        o["wsErrorCode"] = InjectedFailure?.Code ?? (ErrorMessage is null ? null : ErrorMessage.Split(':')[0]);
    }

    private string SummaryState()
    {
        if (!Done) return RunState;
        if (Children.Any(c => !c.SummaryDone)) return "CHILD_RUNNING";
        return RunState == "FAILURE" || Children.Any(c => c.RunState == "FAILURE") ? "FAILURE" : "SUCCESS";
    }

    public void Finish(DateTimeOffset at, string state)
    {
        RunState = state;
        Done = true;
        EndedAt = at;
    }
}
