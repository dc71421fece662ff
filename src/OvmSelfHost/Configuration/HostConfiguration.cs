using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.People;
using OvmSelfHost.Runbook.Settings;
using OvmSelfHost.Runbook.Words;

namespace OvmSelfHost.Configuration;

/// <summary>
/// Reads <c>Environments</c>, <c>Users</c>, <c>Gates</c> and <c>Runbook</c> into the runbook's
/// settings, and says exactly which key is wrong when one is.
/// </summary>
public static class HostConfiguration
{
    public static (RunbookSettings Settings, PeopleDirectory People) Read(IConfiguration configuration)
    {
        var errors = new List<string>();
        var environments = ReadEnvironments(configuration.GetSection("Environments"), errors);
        var people = ReadUsers(configuration.GetSection("Users"), errors);
        var gates = ReadGates(configuration.GetSection("Gates"), errors);
        var runbook = configuration.GetSection(RunbookOptions.SectionName).Get<RunbookOptions>() ?? new RunbookOptions();
        if (runbook.JobTimeout <= TimeSpan.Zero)
        {
            errors.Add("Runbook:JobTimeout must be positive (hh:mm:ss).");
        }

        foreach (var (key, value) in new[] { ("DrillMaximumPause", runbook.DrillMaximumPause), ("DrillProbeInterval", runbook.DrillProbeInterval),
                     ("HaRestartTimeout", runbook.HaRestartTimeout), ("OldManagerWatchInterval", runbook.OldManagerWatchInterval) })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"Runbook:{key} must be positive (hh:mm:ss).");
            }
        }

        var expected = new Dictionary<Runbook.Definition.StepKind, TimeSpan>();
        foreach (var (step, duration) in runbook.ExpectedDurations)
        {
            if (!Vocabularies.Steps.TryParse(step, out var kind))
            {
                errors.Add($"Runbook:ExpectedDurations:{step} is not a step. Steps: {string.Join(", ", Enum.GetNames<Runbook.Definition.StepKind>())}.");
            }
            else if (duration <= TimeSpan.Zero)
            {
                errors.Add($"Runbook:ExpectedDurations:{step} must be positive (hh:mm:ss).");
            }
            else
            {
                expected[kind] = duration;
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Configuration is invalid:\n- " + string.Join("\n- ", errors));
        }

        var settings = new RunbookSettings
        {
            Environments = environments,
            Gates = gates is null ? null! : new GatePolicies(gates) { SeparateCutoverApprovers = runbook.SeparateCutoverApprovers },
            MaximumVmsForMinimal = runbook.MaximumVmsForMinimal,
            MaximumRepositoriesForMinimal = runbook.MaximumRepositoriesForMinimal,
            JobTimeout = runbook.JobTimeout,
            ManagerStartTimeout = runbook.ManagerStartTimeout,
            ManagerStopTimeout = runbook.ManagerStopTimeout,
            DrillMaximumPause = runbook.DrillMaximumPause,
            DrillProbeInterval = runbook.DrillProbeInterval,
            HaRestartTimeout = runbook.HaRestartTimeout,
            OldManagerWatchInterval = runbook.OldManagerWatchInterval,
            ExpectedDurations = expected,
        };
        return (settings, new PeopleDirectory(people));
    }

    private static Dictionary<string, EnvironmentPlan> ReadEnvironments(IConfigurationSection section, List<string> errors)
    {
        var plans = new Dictionary<string, EnvironmentPlan>(StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            var key = $"Environments:{child.Key}";
            var options = child.Get<EnvironmentOptions>() ?? new EnvironmentOptions();
            Require(errors, options.HostingPool, $"{key}:HostingPool");
            Require(errors, options.HostingRepository, $"{key}:HostingRepository");
            Require(errors, options.ReplacementVm.Name, $"{key}:ReplacementVm:Name");
            Require(errors, options.ReplacementVm.Template, $"{key}:ReplacementVm:Template");
            Require(errors, options.ReplacementVm.InstallerIso, $"{key}:ReplacementVm:InstallerIso");
            var vm = options.ReplacementVm;
            plans[child.Key] = new EnvironmentPlan(child.Key, options.HostingPool, options.HostingRepository,
                new VmPlan(vm.Name, vm.Template, vm.InstallerIso, vm.MemoryMegabytes, vm.Cpus, vm.DiskGigabytes, vm.Network),
                options.SeparateDatabase, options.ServersToDiscover, options.HaDrill);
        }

        if (plans.Count < 2)
        {
            errors.Add($"Environments must list at least two environments (found {plans.Count}).");
        }

        return plans;
    }

    private static List<Person> ReadUsers(IConfigurationSection section, List<string> errors)
    {
        var people = new List<Person>();
        var index = 0;
        foreach (var user in section.Get<List<UserOptions>>() ?? [])
        {
            var key = $"Users:{index++}";
            Require(errors, user.Name, $"{key}:Name");
            var roles = new HashSet<PersonRole>();
            foreach (var role in user.Roles)
            {
                if (Vocabularies.OfEnum<PersonRole>("role").TryParse(role, out var parsed))
                {
                    roles.Add(parsed);
                }
                else
                {
                    errors.Add($"{key}:Roles has unknown role '{role}' (use requester, approver).");
                }
            }

            people.Add(new Person(user.Name, roles, user.SlackUserId, user.TeamsObjectId, user.SignIn));
        }

        var duplicate = people.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            errors.Add($"Users lists '{duplicate.Key}' twice.");
        }

        return people;
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

    private static void Require(List<string> errors, string value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key} is required.");
        }
    }
}
