using Microsoft.AspNetCore.Http;
using OvmSelfHost.Simulator.Hosting;
using OvmSelfHost.Simulator.Scenarios;

namespace OvmSelfHost.Simulator.Control;

/// <summary>Lists scenarios and loads one (rebuilding the whole world).</summary>
internal static class ScenarioControl
{
    public static IResult List() => TypedResults.Ok(ScenarioLoader.Names());

    public static async Task<IResult> LoadAsync(SimulatorRuntime runtime, ScenarioRequest request, CancellationToken ct)
    {
        var source = request.File ?? request.Name;
        if (string.IsNullOrWhiteSpace(source)) return TypedResults.BadRequest(new ControlError("give a scenario name or file"));
        ScenarioDefinition scenario;
        try
        {
            scenario = ScenarioLoader.Load(source);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            return TypedResults.BadRequest(new ControlError(e.Message));
        }
        await runtime.LoadAsync(scenario, source, ct);
        return TypedResults.Ok(new { loaded = scenario.Name });
    }
}
