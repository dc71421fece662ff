using Microsoft.Extensions.Options;

namespace OvmSelfHost.Scheduling;

/// <summary>Every window compiles (cron, duration, time zone, excluded dates) and no name is used twice.</summary>
internal sealed class MaintenanceWindowsOptionsValidator : IValidateOptions<MaintenanceWindowsOptions>
{
    public ValidateOptionsResult Validate(string? name, MaintenanceWindowsOptions options) =>
        QuartzMaintenanceWindows.Problems(options) is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
