using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.People;
using OvmSelfHost.Runbook.Settings;
using OvmSelfHost.Runbook.Words;

namespace OvmSelfHost.Configuration;

/// <summary>
/// Builds the runbook's settings and people from the validated <c>Environments</c>, <c>Users</c> and <c>Runbook</c>
/// options (bound with BindConfiguration, checked by their IValidateOptions at start), and reads <c>Gates</c>,
/// saying exactly which key is wrong when one is.
/// </summary>
public static class HostConfiguration
{
    /// <summary>The gate policies; throws naming every bad key.</summary>
    public static IReadOnlyDictionary<string, ApprovalPolicy> ReadGates(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        var gates = ReadGates(configuration.GetSection("Gates"), errors);
        return errors.Count > 0 ? throw new InvalidOperationException("Configuration is invalid:\n- " + string.Join("\n- ", errors)) : gates!;
    }

    public static RunbookSettings Settings(EnvironmentsOptions environments, RunbookOptions runbook, IReadOnlyDictionary<string, ApprovalPolicy> gates)
    {
        ArgumentNullException.ThrowIfNull(environments);
        ArgumentNullException.ThrowIfNull(runbook);
        var plans = new Dictionary<string, EnvironmentPlan>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, options) in environments)
        {
            var vm = options.ReplacementVm;
            plans[name] = new EnvironmentPlan(name, options.HostingPool, options.HostingRepository,
                new VmPlan(vm.Name, vm.Template, vm.InstallerIso, vm.MemoryMegabytes, vm.Cpus, vm.DiskGigabytes, vm.Network),
                options.SeparateDatabase, options.ServersToDiscover, options.HaDrill, options.HaDrillFailover);
        }

        return new RunbookSettings
        {
            Environments = plans,
            Gates = new GatePolicies(gates)
            {
                SeparateCutoverApprovers = runbook.SeparateCutoverApprovers,
                Times = runbook.GateTime.ToDictionary(
                    t => Vocabularies.Gates.TryParse(t.Key, out var gate) ? gate : throw new InvalidOperationException($"Runbook:GateTime:{t.Key} is not a gate."),
                    t => new GateTimePolicy(t.Value.WaitFor, Vocabularies.OfEnum<GateTimeout>("timeout").TryParse(t.Value.Then, out var then) ? then
                        : throw new InvalidOperationException($"Runbook:GateTime:{t.Key}:Then is not StaysOpen, Expires or Rejects."), t.Value.RemindBefore, t.Value.Escalate)),
            },
            MaximumVmsForMinimal = runbook.MaximumVmsForMinimal,
            MaximumRepositoriesForMinimal = runbook.MaximumRepositoriesForMinimal,
            JobTimeout = runbook.JobTimeout,
            ManagerStartTimeout = runbook.ManagerStartTimeout,
            ManagerStopTimeout = runbook.ManagerStopTimeout,
            DrillMaximumPause = runbook.DrillMaximumPause,
            DrillProbeInterval = runbook.DrillProbeInterval,
            HaRestartTimeout = runbook.HaRestartTimeout,
            OldManagerWatchInterval = runbook.OldManagerWatchInterval,
            ExpectedDurations = runbook.ExpectedDurations.ToDictionary(e => Vocabularies.Steps.TryParse(e.Key, out var kind) ? kind : throw new InvalidOperationException($"Runbook:ExpectedDurations:{e.Key} is not a step."), e => e.Value),
            ExpectedJobDurations = runbook.ExpectedJobDurations.ToDictionary(j => j.Key.Replace('.', ':'), j => j.Value, StringComparer.Ordinal),
        };
    }

    public static PeopleDirectory People(UsersOptions users)
    {
        ArgumentNullException.ThrowIfNull(users);
        return new PeopleDirectory([.. users.Select(user => new Person(user.Name,
            user.Roles.Select(role => Vocabularies.OfEnum<PersonRole>("role").TryParse(role, out var parsed) ? parsed : throw new InvalidOperationException($"Users: unknown role '{role}'.")).ToHashSet(),
            user.SlackUserId, user.TeamsObjectId, user.SignIn))]);
    }

    private static Dictionary<string, ApprovalPolicy>? ReadGates(IConfigurationSection section, List<string> errors)
    {
        var overrides = new Dictionary<string, ApprovalPolicy>(StringComparer.OrdinalIgnoreCase);
        foreach (var gate in section.GetChildren())
        {
            if (!GatePolicies.IsKnownGate(gate.Key))
            {
                errors.Add($"Gates:{gate.Key} is not a gate. Known: {string.Join(", ", GatePolicies.KnownGates)}.");
            }
            else if (!Vocabularies.OfEnum<ApprovalPolicy>("policy").TryParse(gate.Value, out var policy))
            {
                errors.Add($"Gates:{gate.Key} = '{gate.Value}' is not a policy (use None, OneApprover, TwoApprovers).");
            }
            else
            {
                overrides[gate.Key] = policy;
            }
        }

        return errors.Count == 0 ? overrides : null;
    }
}
