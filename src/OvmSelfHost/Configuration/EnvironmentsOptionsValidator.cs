using Microsoft.Extensions.Options;

namespace OvmSelfHost.Configuration;

/// <summary>Every environment names its hosting pool, repository and replacement VM; at least two are configured.</summary>
internal sealed class EnvironmentsOptionsValidator : IValidateOptions<EnvironmentsOptions>
{
    public ValidateOptionsResult Validate(string? name, EnvironmentsOptions options)
    {
        var errors = new List<string>();
        foreach (var (environment, plan) in options)
        {
            var key = $"{EnvironmentsOptions.SectionName}:{environment}";
            Require(errors, plan.HostingPool, $"{key}:HostingPool");
            Require(errors, plan.HostingRepository, $"{key}:HostingRepository");
            Require(errors, plan.ReplacementVm.Name, $"{key}:ReplacementVm:Name");
            Require(errors, plan.ReplacementVm.Template, $"{key}:ReplacementVm:Template");
            Require(errors, plan.ReplacementVm.InstallerIso, $"{key}:ReplacementVm:InstallerIso");
        }

        if (options.Count < 2)
        {
            errors.Add($"Environments must list at least two environments (found {options.Count}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static void Require(List<string> errors, string? value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key} is required.");
        }
    }
}
