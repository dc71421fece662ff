using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Tests.Migrations;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Operations;

public sealed class TelemetryTests
{
    [Fact]
    public async Task MigrationAgainstSimulator_Trace_CoversEveryStepAndEveryWsApiCall()
    {
        await using var world = await SimulatorWorld.StartAsync();
        var spans = new List<Activity>();
        await using var host = new HostFactory(
            settings: OperationsHosts.Simulator(world, new() { ["Operations:Prometheus"] = "true" }),
            services: s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
        var client = host.CreateClient();
        using var control = new HttpClient { BaseAddress = world.ControlUrl };

        var id = await MigrationDriver.StartAsync(client);
        var run = await MigrationDriver.ApproveUntilEndAsync(client, id);

        Assert.Equal("Completed", run.GetProperty("state").GetString());
        List<Activity> all;
        lock (spans)
        {
            all = [.. spans];
        }

        var steps = all.Where(a => a.Source.Name == "OvmSelfHost.Runbook" && (string?)a.GetTagItem("ovm.run.id") == id.ToString()).ToList();
        var executed = run.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("status").GetString() is "Succeeded" or "Skipped")
            .Select(s => (s.GetProperty("phase").GetInt32(), s.GetProperty("name").GetString())).ToHashSet();
        var traced = steps.Select(s => ((int)s.GetTagItem("ovm.phase")!, (string?)s.GetTagItem("ovm.step"))).ToHashSet();
        Assert.Equal(Procedure.Steps.Count * Procedure.PhaseCount, executed.Count);
        Assert.Superset(executed, traced);
        Assert.All(steps, s => Assert.Equal(default, s.ParentSpanId));

        var traces = steps.Select(s => s.TraceId).ToHashSet();
        var wsapi = all.Where(a => a.Source.Name == "OvmSelfHost.Ovm" && a.OperationName.StartsWith("wsapi ", StringComparison.Ordinal) && traces.Contains(a.TraceId)).ToList();
        var stats = await control.GetFromJsonAsync<JsonElement>("/sim/stats");
        // Every request the simulator's managers answered was made inside a step's trace (calls refused during the cutover never reach it).
        Assert.True(wsapi.Count >= stats.GetProperty("requests").GetInt64(), $"{wsapi.Count} WS-API spans, {stats.GetProperty("requests").GetInt64()} requests");
        Assert.Contains(wsapi, a => a.OperationName == "wsapi GetJob");
        Assert.Contains(all, a => a.OperationName == "db save" && traces.Contains(a.TraceId));
        Assert.Contains(all, a => a.OperationName.StartsWith("simulated-host ", StringComparison.Ordinal) && traces.Contains(a.TraceId));
        Assert.DoesNotContain(all.SelectMany(a => a.TagObjects), t => t.Value?.ToString()?.Contains("Welcome1", StringComparison.Ordinal) == true);

        var metrics = await client.GetStringAsync("/metrics");
        foreach (var name in new[] { "ovm_step_duration_seconds", "ovm_gate_wait_seconds", "ovm_wsapi_calls", "ovm_wsapi_job_polls", "ovm_runs", "ovm_outbox_backlog", "ovm_chat_ack_latency_seconds" })
        {
            Assert.Contains(name, metrics, StringComparison.Ordinal);
        }
    }
}
