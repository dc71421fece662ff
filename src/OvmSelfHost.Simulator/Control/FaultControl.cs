using Microsoft.AspNetCore.Http;
using OvmSelfHost.Simulator.Faults;
using OvmSelfHost.Simulator.Hosting;

namespace OvmSelfHost.Simulator.Control;

/// <summary>Fault injection: add, list, clear.</summary>
internal static class FaultControl
{
    public static IResult List(SimulatorRuntime runtime)
    {
        var world = runtime.World;
        lock (world.Gate)
        {
            return TypedResults.Ok(world.Faults.All.Select(View).ToList());
        }
    }

    public static IResult Add(SimulatorRuntime runtime, FaultRequest request)
    {
        // Exactly one name (case aside): the framework parser would also take numbers and comma lists.
        if (Enum.GetValues<FaultKind>().Where(k => string.Equals(k.ToString(), request.Kind, StringComparison.OrdinalIgnoreCase)).ToList() is not [var kind])
            return TypedResults.BadRequest(new ControlError($"kind must be one of {string.Join(", ", Enum.GetNames<FaultKind>())}"));
        var world = runtime.World;
        lock (world.Gate)
        {
            var target = request.ObjectId is null ? null : world.Store.Find(request.ObjectId);
            if (request.ObjectId is not null && target is null) return TypedResults.NotFound(new ControlError($"No object with id {request.ObjectId}"));
            if (target is not null && kind != FaultKind.LockedObject) return TypedResults.BadRequest(new ControlError("objectId only applies to lockedObject"));
            var fault = world.Faults.Add(id => new Fault
            {
                Id = id, Kind = kind, Manager = request.Manager, Method = request.Method, Path = request.Path, Operation = request.Operation,
                Remaining = request.Count, DelaySeconds = request.DelaySeconds ?? 130, Message = request.Message, ErrorCode = request.ErrorCode,
                ObjectId = request.ObjectId,
            });
            if (target is not null) target.FaultLocked = true;
            return TypedResults.Created($"/sim/faults/{fault.Id}", View(fault));
        }
    }

    public static IResult Clear(SimulatorRuntime runtime, string? id)
    {
        var world = runtime.World;
        lock (world.Gate)
        {
            var removed = world.Faults.Clear(id);
            foreach (var objectId in removed.Select(f => f.ObjectId).OfType<string>())
            {
                if (world.Store.Find(objectId) is { } o) o.FaultLocked = false;
            }
            world.Advance();
            return TypedResults.Ok(new { cleared = removed.Count });
        }
    }

    private static FaultView View(Fault f) =>
        new(f.Id, f.Kind.ToString(), f.Manager, f.Method, f.Path, f.Operation, f.Remaining, f.DelaySeconds, f.Message, f.ErrorCode, f.ObjectId);
}
