using Microsoft.AspNetCore.Http;
using OvmSelfHost.Simulator.Hosting;
using OvmSelfHost.Simulator.World;

namespace OvmSelfHost.Simulator.Control;

/// <summary>Time scale and simulated durations, changed at run time (absent fields keep their value).</summary>
internal static class SettingsControl
{
    public static IResult Get(SimulatorRuntime runtime)
    {
        lock (runtime.World.Gate)
        {
            return TypedResults.Ok(runtime.World.Settings);
        }
    }

    public static IResult Put(SimulatorRuntime runtime, SettingsRequest r)
    {
        double?[] values = [r.TimeScale, r.JobSeconds, r.DiscoverySeconds, r.RefreshSeconds, r.InstallerSeconds, r.ManagerStartupSeconds,
            r.HaRestartSeconds, r.VmBootSeconds, r.MigrationSeconds, r.MigrationPauseSeconds];
        if (values.Any(v => v is < 0) || r.TimeScale is 0 || r.RequestLatencyMs is < 0)
            return TypedResults.BadRequest(new ControlError("durations must be >= 0 and timeScale > 0"));
        var world = runtime.World;
        lock (world.Gate)
        {
            var s = world.Settings;
            world.Settings = s with
            {
                TimeScale = r.TimeScale ?? s.TimeScale, JobSeconds = r.JobSeconds ?? s.JobSeconds,
                DiscoverySeconds = r.DiscoverySeconds ?? s.DiscoverySeconds, RefreshSeconds = r.RefreshSeconds ?? s.RefreshSeconds,
                InstallerSeconds = r.InstallerSeconds ?? s.InstallerSeconds, ManagerStartupSeconds = r.ManagerStartupSeconds ?? s.ManagerStartupSeconds,
                RequestLatencyMs = r.RequestLatencyMs ?? s.RequestLatencyMs,
                HaRestartSeconds = r.HaRestartSeconds ?? s.HaRestartSeconds, VmBootSeconds = r.VmBootSeconds ?? s.VmBootSeconds,
                MigrationSeconds = r.MigrationSeconds ?? s.MigrationSeconds, MigrationPauseSeconds = r.MigrationPauseSeconds ?? s.MigrationPauseSeconds,
            };
            return TypedResults.Ok(world.Settings);
        }
    }
}
