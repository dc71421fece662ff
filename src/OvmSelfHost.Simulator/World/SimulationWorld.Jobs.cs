using OvmSelfHost.Simulator.Faults;
using OvmSelfHost.Simulator.Jobs;
using OvmSelfHost.Simulator.Model;

namespace OvmSelfHost.Simulator.World;

internal sealed partial class SimulationWorld
{
    /// <summary>Creates a job (CREATED), locks its objects, and applies a matching jobFailure/jobHang fault.</summary>
    public Job Submit(SimManager owner, string name, JobKind kind, IReadOnlyList<ModelObject> locks, Func<JobOutcome> work, FaultCall call)
    {
        var job = new Job
        {
            Id = Ids.JobId(Now),
            Name = name,
            Description = name,
            Owner = owner,
            CreatedAt = Now,
            Duration = DurationOf(kind),
            Work = work,
            Locks = locks,
            User = owner.User,
        };
        foreach (var o in locks)
        {
            o.LockingJob = job;
        }
        ApplyJobFaults(job, call);
        Store.Add(job);
        owner.Learn(job);
        return job;
    }

    /// <summary>A per-server child job: finishes after its parent, so <c>done</c> comes before <c>summaryDone</c>.</summary>
    public Job AddChild(Job parent, string name)
    {
        var child = new Job
        {
            Id = Ids.JobId(Now), Name = name, Description = name, Owner = parent.Owner, CreatedAt = parent.CreatedAt,
            Duration = parent.Duration * 2, Work = () => new JobOutcome(), User = parent.User, Parent = parent,
        };
        parent.Children.Add(child);
        Store.Add(child);
        parent.Owner.Learn(child);
        return child;
    }

    private void ApplyJobFaults(Job job, FaultCall call)
    {
        var fault = Faults.Take(call.Manager, call.Method, call.Path, call.Operation, FaultKind.JobFailure, FaultKind.JobHang);
        if (fault is { Kind: FaultKind.JobHang })
        {
            job.HangWhile = () => fault.Active;
        }
        else if (fault is not null)
        {
            job.InjectedFailure = new JobFailedException(fault.ErrorCode ?? "GEN_000000", fault.Message ?? "Injected job failure", "INTERNAL");
        }
    }

    /// <summary>Applies everything that became due: jobs start and complete, installers finish.</summary>
    public void Advance()
    {
        StartCreatedJobs();
        foreach (var job in DueJobs())
        {
            Complete(job);
        }
        foreach (var run in Hosts.Values.SelectMany(h => h.Installs).Where(r => r.IsDue(Now)).ToList())
        {
            Installer.Complete(run);
        }
        new HighAvailability.HaController(this).RestartDue();
    }

    /// <summary>The first instant after <paramref name="after"/> at which <see cref="Advance"/> would change something.</summary>
    public DateTimeOffset? NextChangeAfter(DateTimeOffset after)
    {
        var jobs = Store.All<Job>().Where(j => !j.Done && j.HangWhile?.Invoke() != true)
            .Select(j => j.RunState == "CREATED" ? RunningSince(j.Owner) : j.DueAt);
        var installs = Hosts.Values.SelectMany(h => h.Installs).Where(r => r.State == "running").Select(r => (DateTimeOffset?)(r.StartedAt + r.Duration));
        var vms = Store.All<Vm>().SelectMany(v => new[] { v.HaRestartDueAt, v.PausedUntil, v.BootedAt });
        return jobs.Concat(installs).Concat(vms).Where(t => t > after).Min();
    }

    private void StartCreatedJobs()
    {
        foreach (var job in Store.All<Job>().Where(j => j.RunState == "CREATED"))
        {
            var running = RunningSince(job.Owner);
            if (running is not null && running <= Now)
            {
                job.StartedAt = job.CreatedAt > running ? job.CreatedAt : running;
                job.RunState = "RUNNING";
            }
        }
    }

    private List<Job> DueJobs() =>
        Store.All<Job>()
            .Where(j => j.RunState == "RUNNING" && !j.Done && j.DueAt <= Now && j.HangWhile?.Invoke() != true)
            .OrderBy(j => j.DueAt).ThenBy(j => j.CreatedAt).ToList();

    private void Complete(Job job)
    {
        var endedAt = job.HangWhile is null ? job.DueAt!.Value : Now;
        try
        {
            if (job.InjectedFailure is not null) throw job.InjectedFailure;
            var outcome = job.Work();
            job.Result = outcome.Result;
            job.ProgressMessage = outcome.ProgressMessage ?? job.ProgressMessage;
            foreach (var o in job.Locks)
            {
                o.Generation++;
            }
            job.Finish(endedAt, "SUCCESS");
        }
        catch (JobFailedException e)
        {
            Fail(job, endedAt, e.Message, e.Type);
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or ArgumentException or KeyNotFoundException)
        {
            Fail(job, endedAt, $"GEN_000000:Internal error in the simulated manager: {e.Message}", "INTERNAL");
        }
    }

    /// <summary>A job that cannot do its work fails; the world stays usable.</summary>
    private static void Fail(Job job, DateTimeOffset endedAt, string message, string type)
    {
        job.ErrorMessage = message;
        job.ErrorType = type;
        job.Finish(endedAt, "FAILURE");
    }

    public void Abort(Job job, string user)
    {
        if (job.Done) return;
        job.AbortedBy = user;
        job.ErrorMessage = "JOB_000001:Job aborted by user " + user;
        job.ErrorType = Inferred.InferredChoices.AbortErrorType;
        job.StartedAt ??= Now;
        job.Finish(Now, "FAILURE");
    }
}
