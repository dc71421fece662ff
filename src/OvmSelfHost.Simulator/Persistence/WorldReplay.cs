using OvmSelfHost.Simulator.Control;
using OvmSelfHost.Simulator.Hosting;
using OvmSelfHost.Simulator.World;
using OvmSelfHost.Simulator.WsApi;

namespace OvmSelfHost.Simulator.Persistence;

/// <summary>
/// Rebuilds a saved world by making its changes again, each at the simulated instant it was first made,
/// with every job and installer that fell due in between completed at its own due time. What was still
/// running when the process stopped carries on from its recorded start: a VM keeps installing while
/// the bot is down, and has finished if its time has passed.
/// </summary>
internal static class WorldReplay
{
    public static void Apply(SimulatorRuntime runtime, ReplayClock clock, IEnumerable<JournalEntry> entries)
    {
        try
        {
            foreach (var entry in entries)
            {
                AdvanceTo(runtime.World, clock, entry.At);
                ApplyOne(runtime, entry);
            }
        }
        finally
        {
            clock.Pinned = null;
        }
    }

    private static void AdvanceTo(SimulationWorld world, ReplayClock clock, DateTimeOffset at)
    {
        lock (world.Gate)
        {
            while (world.NextChangeAfter(clock.GetUtcNow()) is { } due && due <= at)
            {
                clock.Pinned = due;
                world.Advance();
            }

            clock.Pinned = at;
            world.Advance();
        }
    }

    private static void ApplyOne(SimulatorRuntime runtime, JournalEntry e)
    {
        switch (e.Kind)
        {
            case JournalEntry.WsApi:
                ReplayWsCall(runtime.World, e);
                break;
            case JournalEntry.Service:
                HostControl.Service(runtime, e.Target!, e.Name!, e.Action);
                break;
            case JournalEntry.Installer:
                InstallerControl.Start(runtime, e.Target!, new InstallerRequest([.. e.Args ?? []]));
                break;
            case JournalEntry.Server:
                ServerControl.Act(runtime, e.Target!, e.Action!, e.Name);
                break;
            case JournalEntry.AddFault when e.Fault is not null:
                FaultControl.Add(runtime, e.Fault);
                break;
            case JournalEntry.ClearFault:
                FaultControl.Clear(runtime, e.Name);
                break;
            case JournalEntry.Settings when e.SettingsChange is not null:
                SettingsControl.Put(runtime, e.SettingsChange);
                break;
        }
    }

    private static void ReplayWsCall(SimulationWorld world, JournalEntry e)
    {
        lock (world.Gate)
        {
            if (world.FindManager(e.Target ?? "") is not { } manager)
            {
                return;
            }

            var segments = e.Segments ?? [];
            try
            {
                var body = WsCall.ParseBody(e.Body ?? "", allowBareString: segments is ["Server", "discover"]);
                var call = new WsCall(e.Method ?? "GET", segments, e.Query ?? new Dictionary<string, string>(), body, e.Body ?? "");
                WsApiHandler.Execute(world, manager, call, "http://replay" + WsApiHandler.BasePath, out _);
            }
            catch (WsException)
            {
                // It was refused the first time too: same world, same answer.
            }
        }
    }
}
