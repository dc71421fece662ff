using Microsoft.AspNetCore.Http;
using OvmSelfHost.Simulator.Faults;
using OvmSelfHost.Simulator.Hosting;
using OvmSelfHost.Simulator.Model;
using OvmSelfHost.Simulator.Persistence;
using OvmSelfHost.Simulator.World;

namespace OvmSelfHost.Simulator.WsApi;

/// <summary>The HTTP front of one manager's WS-API: latency, auth, faults, dispatch, content negotiation.</summary>
internal sealed class WsApiHandler(SimulatorRuntime runtime, SimManager manager)
{
    public const string BasePath = "/ovm/core/wsapi/rest";

    public async Task HandleAsync(HttpContext ctx)
    {
        var world = runtime.World;
        runtime.Stats.Record(manager.Name, ctx.Request.Method, ctx.Request.Path.Value, runtime.Time.GetUtcNow());
        if (world.Settings.RequestLatencyMs > 0)
        {
            await Task.Delay(world.Settings.RequestLatencyMs, ctx.RequestAborted);
        }
        using var reader = new StreamReader(ctx.Request.Body);
        var raw = await reader.ReadToEndAsync(ctx.RequestAborted);
        Fault? delay = null;
        WsReply reply;
        lock (world.Gate)
        {
            world.Advance();
            reply = Process(ctx, world, raw, ref delay);
        }
        if (delay is not null)
        {
            await Task.Delay(TimeSpan.FromSeconds(delay.DelaySeconds), ctx.RequestAborted);
        }
        await WsResponseWriter.WriteAsync(ctx, reply);
    }

    private WsReply Process(HttpContext ctx, SimulationWorld world, string raw, ref Fault? delay)
    {
        try
        {
            if (!world.IsUp(manager)) return new WsReply(503, new WsException("GEN_000000", "Oracle VM Manager is not running").Body());
            if (!ctx.Request.Path.StartsWithSegments(BasePath, out var rest))
                throw new WsException("GEN_000003", $"No REST handler for {ctx.Request.Path}");
            if (!WsResponseWriter.Acceptable(ctx.Request.Headers.Accept.ToString()))
                return new WsReply(406, new WsException("GEN_000012", "Only application/json and application/xml are produced").Body());
            if (WsAuthentication.Check(ctx, manager) is { } denied) return new WsReply(denied.Status, denied.Body());
            var call = Parse(ctx, rest, raw);
            if (call.IsModifying && call.Segments is not ["login"])
            {
                runtime.Record(new JournalEntry
                {
                    Kind = JournalEntry.WsApi, Target = manager.Name, Method = call.Method, Segments = call.Segments, Query = call.Query, Body = raw,
                });
            }

            return Execute(world, manager, call, $"{ctx.Request.Scheme}://{ctx.Request.Host}{BasePath}", out delay);
        }
        catch (WsException e)
        {
            return new WsReply(e.Status, e.Body());
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or ArgumentException or KeyNotFoundException or FormatException)
        {
            return new WsReply(500, new WsException("GEN_000000", $"Unexpected error in the simulated manager: {e.Message}").Body());
        }
    }

    /// <summary>Faults, then the operation: what a call does once it is authenticated (also replayed from a saved world).</summary>
    public static WsReply Execute(SimulationWorld world, SimManager manager, WsCall call, string baseUri, out Fault? delay)
    {
        FaultKind[] kinds = call.IsModifying ? [FaultKind.Http500, FaultKind.Timeout, FaultKind.LockedObject] : [FaultKind.Http500, FaultKind.Timeout];
        var fault = world.Faults.Take(manager.Name, call.Method, call.Path, call.Operation, kinds);
        delay = null;
        if (fault is { Kind: FaultKind.Http500 })
            return new WsReply(500, new WsException(fault.ErrorCode ?? "GEN_000000", fault.Message ?? "Injected internal server error").Body());
        if (fault is { Kind: FaultKind.LockedObject })
            throw new WsException("GEN_000029", fault.Message ?? $"Object at {call.Path} could not be modified as it was locked when it was fetched");
        delay = fault;
        var render = new RenderContext(manager, world.Store, baseUri, world.Now);
        return WsDispatcher.Dispatch(new WsContext(world, manager, call, render));
    }

    private static WsCall Parse(HttpContext ctx, PathString rest, string raw)
    {
        var segments = (rest.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var query = ctx.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var body = WsCall.ParseBody(raw, allowBareString: segments is ["Server", "discover"]);
        return new WsCall(ctx.Request.Method.ToUpperInvariant(), segments, query, body, raw);
    }
}
