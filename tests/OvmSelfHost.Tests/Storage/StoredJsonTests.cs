using System.Text.Json;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Storage;
using OvmSelfHost.TestSupport.Fakes;

namespace OvmSelfHost.Tests.Storage;

/// <summary>The generated serializers of the run's JSON columns write and read what the reflection ones always did.</summary>
public sealed class StoredJsonTests
{
    private static readonly JsonSerializerOptions ReflectionWeb = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task FactsOfACompletedRun_Serialized_SameJsonAsReflectionBothWays()
    {
        var harness = new EngineHarness();
        var run = await harness.ApproveAllAsync((await harness.StartAsync()).Id);
        Assert.Equal(RunState.Completed, run.State);
        Assert.All(run.Facts.Values, f => Assert.NotNull(f.RecordedInventory));
        Assert.All(run.Facts.Values, f => Assert.NotEmpty(f.Snapshots));

        var generated = JsonSerializer.Serialize(run.Facts, StoredJson.Default.DictionaryInt32PhaseFacts);
        var reflected = JsonSerializer.Serialize(run.Facts, ReflectionWeb);

        Assert.Equal(reflected, generated);
        Assert.Equal(reflected, JsonSerializer.Serialize(JsonSerializer.Deserialize(reflected, StoredJson.Default.DictionaryInt32PhaseFacts), ReflectionWeb));
        var output = run.Steps.SelectMany(s => s.Output).ToList();
        Assert.NotEmpty(output);
        Assert.Equal(JsonSerializer.Serialize(output, ReflectionWeb), JsonSerializer.Serialize(output, StoredJson.Default.ListString));
    }
}
