using Microsoft.Extensions.Options;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Words;

namespace OvmSelfHost.Configuration;

/// <summary>Timeouts and intervals are positive; expected durations name steps and are positive.</summary>
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

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
