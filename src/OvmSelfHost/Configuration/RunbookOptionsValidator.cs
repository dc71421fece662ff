using Microsoft.Extensions.Options;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Words;

namespace OvmSelfHost.Configuration;

/// <summary>Timeouts and intervals are positive; expected durations name steps and are positive; gate time policies name gates and say what happens.</summary>
internal sealed class RunbookOptionsValidator : IValidateOptions<RunbookOptions>
{
    public ValidateOptionsResult Validate(string? name, RunbookOptions options)
    {
        var errors = new List<string>();
        foreach (var (key, value) in new[] { ("JobTimeout", options.JobTimeout), ("DrillMaximumPause", options.DrillMaximumPause),
                     ("DrillProbeInterval", options.DrillProbeInterval), ("HaRestartTimeout", options.HaRestartTimeout),
                     ("OldManagerWatchInterval", options.OldManagerWatchInterval) })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"{RunbookOptions.SectionName}:{key} must be positive (hh:mm:ss).");
            }
        }

        foreach (var (step, duration) in options.ExpectedDurations)
        {
            if (!Vocabularies.Steps.TryParse(step, out _))
            {
                errors.Add($"Runbook:ExpectedDurations:{step} is not a step. Steps: {string.Join(", ", Enum.GetNames<StepKind>())}.");
            }
            else if (duration <= TimeSpan.Zero)
            {
                errors.Add($"Runbook:ExpectedDurations:{step} must be positive (hh:mm:ss).");
            }
        }

        foreach (var kind in options.ExpectedJobDurations.Where(j => j.Value <= TimeSpan.Zero || j.Key.Split('.').Length != 2).Select(j => j.Key))
        {
            errors.Add($"Runbook:ExpectedJobDurations:{kind} must name a step and a job verb (e.g. Rediscover.discover) and be positive (hh:mm:ss).");
        }

        foreach (var (gate, time) in options.GateTime)
        {
            errors.AddRange(GateTimeErrors(gate, time));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static IEnumerable<string> GateTimeErrors(string gate, GateTimeOptions time)
    {
        var key = $"{RunbookOptions.SectionName}:GateTime:{gate}";
        if (!GatePolicies.IsKnownGate(gate))
        {
            yield return $"{key} is not a gate. Known: {string.Join(", ", GatePolicies.KnownGates)}.";
        }

        if (!Vocabularies.OfEnum<GateTimeout>("timeout").TryParse(time.Then, out _))
        {
            yield return $"{key}:Then = '{time.Then}' says nothing a gate can do at its deadline (use StaysOpen, Expires or Rejects).";
        }

        if (time.WaitFor is { } wait && wait <= TimeSpan.Zero)
        {
            yield return $"{key}:WaitFor must be positive (hh:mm:ss), or left out to wait until the window closes.";
        }

        foreach (var before in time.RemindBefore.Where(r => r <= TimeSpan.Zero || (time.WaitFor is { } w && r >= w)))
        {
            yield return $"{key}:RemindBefore {before:c} must be positive and shorter than WaitFor ({time.WaitFor:c}).";
        }

        if (time.Escalate.Any(string.IsNullOrWhiteSpace))
        {
            yield return $"{key}:Escalate has an empty name.";
        }
    }
}
