using Microsoft.AspNetCore.Http;
using OvmSelfHost.Simulator.Hosting;
using OvmSelfHost.Simulator.Model;

namespace OvmSelfHost.Simulator.Control;

/// <summary>
/// What changes under a configured pair between one look and the next (drift): a manager's password reset, its
/// certificate replaced, a file edited on a host, a host rebuilt with a new SSH host key, a pool's cluster taken
/// apart. Each is what an administrator could do on a real installation; none is journaled (a test injects it
/// into a running simulator).
/// </summary>
internal static class DriftControl
{
    public static IResult Password(SimulatorRuntime runtime, string name, DriftRequest request)
    {
        if (string.IsNullOrEmpty(request.Password)) return TypedResults.BadRequest(new ControlError("password is required"));
        var world = runtime.World;
        lock (world.Gate)
        {
            if (world.FindManager(name) is not { } manager) return UnknownManager(name);
            manager.Password = request.Password;
            // An expired or reset password ends the sessions it opened: the next call must log in again.
            manager.Sessions.Clear();
            return TypedResults.NoContent();
        }
    }

    public static IResult Certificate(SimulatorRuntime runtime, string name, DriftRequest request)
    {
        if (request.ValidDays is <= 0) return TypedResults.BadRequest(new ControlError("validDays must be positive, or absent for the manager's own certificate"));
        var world = runtime.World;
        lock (world.Gate)
        {
            if (world.FindManager(name) is not { } manager) return UnknownManager(name);
            manager.Certificate = request.ValidDays is { } days ? SelfSignedCertificate.Expiring(manager.HostName, TimeSpan.FromDays(days)) : null;
            return TypedResults.Ok(new { notAfter = (manager.Certificate ?? SelfSignedCertificate.For(manager.HostName)).NotAfter.ToUniversalTime() });
        }
    }

    public static async Task<IResult> WriteFileAsync(SimulatorRuntime runtime, string name, string path, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        var world = runtime.World;
        lock (world.Gate)
        {
            if (!world.Hosts.TryGetValue(name, out var host)) return TypedResults.NotFound(new ControlError($"No host {name}"));
            if (!path.StartsWith('/')) return TypedResults.BadRequest(new ControlError("path must be absolute"));
            host.Files[path] = text;
            return TypedResults.NoContent();
        }
    }

    /// <summary>A new host key (the host was rebuilt), or the given one (<c>hostKey</c>: the old key restored).</summary>
    public static IResult RotateHostKey(SimulatorRuntime runtime, string name, DriftRequest? request)
    {
        var world = runtime.World;
        lock (world.Gate)
        {
            if (!world.Hosts.TryGetValue(name, out var host)) return TypedResults.NotFound(new ControlError($"No host {name}"));
            host.HostKey = request?.HostKey is { Length: > 0 } key ? key : Hosts.SimHost.NewHostKey();
            return TypedResults.Ok(new { hostKey = host.HostKey });
        }
    }

    /// <summary>Takes a pool's cluster away (<c>clustered: false</c>, kept aside) or gives it back (<c>true</c>).</summary>
    public static IResult Cluster(SimulatorRuntime runtime, string pool, DriftRequest request, Dictionary<string, Cluster> removed)
    {
        if (request.Clustered is not { } clustered) return TypedResults.BadRequest(new ControlError("clustered (true or false) is required"));
        var world = runtime.World;
        lock (world.Gate)
        {
            if (world.Store.All<ServerPool>().FirstOrDefault(p => p.Name == pool) is not { } found) return TypedResults.NotFound(new ControlError($"No server pool {pool}"));
            if (!clustered && found.Cluster is { } cluster)
            {
                removed[found.Id] = cluster;
                found.Cluster = null;
            }
            else if (clustered && found.Cluster is null && removed.Remove(found.Id, out var kept))
            {
                found.Cluster = kept;
            }

            return TypedResults.Ok(new { pool = found.Name, clustered = found.Cluster is not null });
        }
    }

    private static IResult UnknownManager(string name) => TypedResults.NotFound(new ControlError($"No manager {name}"));
}
