using System.Text.Json;
using System.Text.Json.Serialization;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Storage;

/// <summary>
/// The JSON columns of a run (its facts, a step's output lines), with serializers generated at build time: every save
/// writes the facts, and built by reflection they cost a fresh replica's first vote tens of milliseconds.
/// The web defaults, as the rows were always written.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Dictionary<int, PhaseFacts>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class StoredJson : JsonSerializerContext;
