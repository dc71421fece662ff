using System.Net;
using Microsoft.Extensions.Options;
using OvmSelfHost.Simulator.Scenarios;

namespace OvmSelfHost.Simulator.Hosting;

/// <summary>Checks what data annotations cannot: the scenario exists and the bind address parses.</summary>
internal sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        if (!options.Enabled) return ValidateOptionsResult.Success;
        var failures = new List<string>();
        if (ScenarioLoader.Locate(options.Scenario) is null)
            failures.Add($"Simulator:Scenario '{options.Scenario}' is neither a file nor a scenario under {ScenarioLoader.Directory}");
        if (!IPAddress.TryParse(options.BindAddress, out _))
            failures.Add($"Simulator:BindAddress '{options.BindAddress}' is not an IP address");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
