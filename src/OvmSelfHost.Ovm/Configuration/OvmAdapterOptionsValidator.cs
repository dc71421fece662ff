using Microsoft.Extensions.Options;
using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.Runbook.Words;

namespace OvmSelfHost.Ovm.Configuration;

/// <summary>Checks the <c>Ovm</c> section at start-up; every message names the configuration key to fix.</summary>
public sealed class OvmAdapterOptionsValidator : IValidateOptions<OvmAdapterOptions>
{
    public ValidateOptionsResult Validate(string? name, OvmAdapterOptions options)
    {
        var errors = new List<string>();
        if (options.Environments.Count == 0)
        {
            errors.Add($"{OvmAdapterOptions.SectionName}:Environments is empty: configure at least the environments A and B.");
        }

        foreach (var (environment, settings) in options.Environments)
        {
            var key = $"{OvmAdapterOptions.SectionName}:Environments:{environment}";
            ManagerChecks.Check(settings.OriginalManager, $"{key}:OriginalManager", errors);
            ManagerChecks.Check(settings.ReplacementManager, $"{key}:ReplacementManager", errors);
            CheckHosts(settings, $"{key}:Hosts", errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckHosts(OvmEnvironmentOptions settings, string key, List<string> errors)
    {
        foreach (var required in new[] { HostRole.OriginalManager, HostRole.ReplacementVm })
        {
            if (!settings.Hosts.ContainsKey(required.ToString()))
            {
                errors.Add($"{key}:{required} is missing: give it either Ssh or Simulated settings.");
            }
        }

        foreach (var (role, host) in settings.Hosts)
        {
            if (!Vocabularies.OfEnum<HostRole>("host role").TryParse(role, out _))
            {
                errors.Add($"{key}:{role} is not a host role; use {string.Join(", ", Enum.GetNames<HostRole>())}.");
            }
            else if ((host.Ssh is null) == (host.Simulated is null))
            {
                errors.Add($"{key}:{role} needs exactly one of Ssh or Simulated.");
            }
            else if (host.Ssh is { } ssh)
            {
                HostChecks.CheckSsh(ssh, $"{key}:{role}:Ssh", errors);
            }
            else
            {
                HostChecks.CheckSimulated(host.Simulated!, $"{key}:{role}:Simulated", errors);
            }
        }
    }
}
