using System.Text.RegularExpressions;
using OvmSelfHost.Runbook.Definition;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>Checks the new VM against the manager's software and hardware requirements (4.3.2).</summary>
public sealed partial class VerifyGuestOsStep : IStepHandler
{
    public StepKind Kind => StepKind.VerifyGuestOs;

    public Task<StepObservation> ObserveAsync(StepContext context, CancellationToken cancellationToken) => StepObservation.ReadsOnlyTask;

    public async Task<StepOutcome> ActAsync(StepContext context, StepObservation observed, CancellationToken cancellationToken)
    {
        var facts = await context.NewManagerHost.GetGuestOsFactsAsync(cancellationToken);
        var need = context.Settings.Guest;
        var problems = new List<string>();
        var match = ReleasePattern().Match(facts.Release);
        if (!match.Success || !need.SupportedMajorReleases.Contains(int.Parse(match.Groups["major"].Value, System.Globalization.CultureInfo.InvariantCulture)))
        {
            problems.Add($"release '{facts.Release}' is not Oracle Linux or RHEL {string.Join("/", need.SupportedMajorReleases)}");
        }

        if (!string.Equals(facts.Architecture, need.RequiredArchitecture, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"architecture {facts.Architecture}, needs {need.RequiredArchitecture}");
        }

        Require(problems, "memory", facts.MemoryMegabytes, need.MinimumMemoryMegabytes, "MB");
        Require(problems, "CPUs", facts.Cpus, need.MinimumCpus, "");
        Require(problems, "swap", facts.SwapMegabytes, need.MinimumSwapMegabytes, "MB");
        foreach (var (mount, minimum) in need.MinimumFreeMegabytes)
        {
            Require(problems, $"free space in {mount}", facts.FreeMegabytes.GetValueOrDefault(mount), minimum, "MB");
        }

        return problems.Count == 0
            ? StepOutcome.Succeeded($"{facts.Release}, {facts.Architecture}, {facts.MemoryMegabytes} MB, {facts.Cpus} CPUs, {facts.SwapMegabytes} MB swap: meets 4.3.2.")
            : StepOutcome.Failed($"The new VM does not meet the manager's requirements: {string.Join("; ", problems)}. Fix the VM, then retry.");
    }

    private static void Require(List<string> problems, string what, long have, long minimum, string unit)
    {
        if (have < minimum)
        {
            problems.Add($"{what} {have}{unit}, needs {minimum}{unit}");
        }
    }

    [GeneratedRegex(@"^(Oracle Linux|Red Hat Enterprise Linux)\D*(?<major>\d+)")]
    private static partial Regex ReleasePattern();
}
