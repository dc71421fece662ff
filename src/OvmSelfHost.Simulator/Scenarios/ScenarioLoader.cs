using System.Text.Json;

namespace OvmSelfHost.Simulator.Scenarios;

/// <summary>Finds and reads scenario files: a name under <c>Scenarios/</c> next to the assembly, or a path.</summary>
internal static class ScenarioLoader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Scenarios");

    public static string? Locate(string nameOrPath)
    {
        if (File.Exists(nameOrPath)) return Path.GetFullPath(nameOrPath);
        var named = Path.Combine(Directory, nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? nameOrPath : nameOrPath + ".json");
        return File.Exists(named) ? named : null;
    }

    public static ScenarioDefinition Load(string nameOrPath)
    {
        var path = Locate(nameOrPath)
            ?? throw new FileNotFoundException($"Scenario '{nameOrPath}' not found: neither a file nor a name under {Directory}");
        try
        {
            return JsonSerializer.Deserialize<ScenarioDefinition>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"Scenario file {path} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Scenario file {path} is not valid: {e.Message}", e);
        }
    }

    public static IReadOnlyList<string> Names() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetFiles(Directory, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().ToList()
            : [];
}
