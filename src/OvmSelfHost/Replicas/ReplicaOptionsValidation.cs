using Microsoft.Extensions.Options;

namespace OvmSelfHost.Replicas;

/// <summary>Refuses lease settings under which a live holder could lose its runs between two renewals.</summary>
internal sealed class ReplicaOptionsValidation : IValidateOptions<ReplicaOptions>
{
    public ValidateOptionsResult Validate(string? name, ReplicaOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name) || options.Name.Length > 100 || options.Name.Contains('/', StringComparison.Ordinal))
        {
            failures.Add("Replicas:Name must be 1-100 characters without '/' (default: the machine's name).");
        }

        if (options.LeaseDuration < TimeSpan.FromMilliseconds(500))
        {
            failures.Add($"Replicas:LeaseDuration must be at least 500 ms, got {options.LeaseDuration}.");
        }

        if (options.RenewEvery <= TimeSpan.Zero || options.RenewEvery * 3 > options.LeaseDuration)
        {
            failures.Add($"Replicas:RenewEvery must be positive and at most a third of LeaseDuration ({options.LeaseDuration}), got {options.RenewEvery}.");
        }

        if (options.SweepEvery <= TimeSpan.Zero)
        {
            failures.Add("Replicas:SweepEvery must be positive.");
        }

        if (options.RelayLeaseDuration < options.LeaseDuration)
        {
            failures.Add($"Replicas:RelayLeaseDuration must be at least LeaseDuration ({options.LeaseDuration}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
