using OvmSelfHost.Simulator.Hosting;
using OvmSelfHost.Simulator.Hosts;
using OvmSelfHost.Simulator.Model;
using OvmSelfHost.Simulator.World;

namespace OvmSelfHost.Simulator.Scenarios;

/// <summary>Builds a world from a scenario: hardware per environment, known to (and owned by) its manager.</summary>
internal static partial class ScenarioBuilder
{
    public static SimulationWorld Build(ScenarioDefinition scenario, SimulatorOptions options, TimeProvider time)
    {
        var world = new SimulationWorld(time, new IdFactory(new Random(20_161_201)), new SimulatorSettings { TimeScale = options.TimeScale })
        {
            DefaultUser = scenario.User,
            DefaultPassword = scenario.Password,
        };
        AddPlugins(world);
        foreach (var m in scenario.Managers)
        {
            world.Managers.Add(new SimManager
            {
                Name = m.Name, HostName = m.Host, Uuid = m.Uuid, User = scenario.User, Password = scenario.Password, DeclaredEnvironment = m.Environment,
                HttpsPort = options.Port(m.HttpsPort), HttpPort = options.Port(m.HttpPort), ServiceStartedAt = time.GetUtcNow().AddDays(-1),
            });
        }
        AddHosts(world, scenario, options);
        foreach (var env in scenario.Environments)
        {
            var built = new EnvironmentBuilder(world, env, world.FindManager(env.Manager ?? ""));
            built.Build();
            world.Environments.Add(env.Name);
        }
        return world;
    }

    private static void AddPlugins(SimulationWorld world)
    {
        world.Store.Add(new Plugin { Id = "oracle.generic.NFSPlugin.GenericNFSPlugin (1.1.0)", Name = "Oracle Generic Network File System", PluginType = "FileServerPlugin", IsGlobal = true });
        world.Store.Add(new Plugin { Id = "oracle.ocfs2.OCFS2.OCFS2Plugin (0.1.0-42.1)", Name = "Oracle OCFS2 File system", PluginType = "FileServerPlugin", IsGlobal = true });
        world.Store.Add(new Plugin { Id = "oracle.generic.SCSIPlugin.GenericPlugin (1.1.0)", Name = "Oracle Generic SCSI Plugin", PluginType = "StorageArrayPlugin", IsGlobal = true });
    }

    private static void AddHosts(SimulationWorld world, ScenarioDefinition scenario, SimulatorOptions options)
    {
        foreach (var h in scenario.Hosts)
        {
            var f = h.Facts;
            var host = new SimHost
            {
                Name = h.Name, Kind = HostKind.Physical, Environment = h.Environment,
                PhysicalFacts = new HostFacts(f.OsRelease, f.Architecture, f.MemoryMb, f.Cpus, f.SwapMb, f.FreeMb),
            };
            host.Services["ovmm_mysql"] = true;
            if (world.Managers.FirstOrDefault(m => m.HostName == h.Name) is { } manager)
            {
                host.Files[SimulationWorld.ConfigPath] = Hosts.InstallerScript.Config(manager.Uuid);
            }
            world.Hosts[h.Name] = host;
        }
        foreach (var p in scenario.PlannedManagerVms)
        {
            world.Hosts[p.Host] = new SimHost
            {
                Name = p.Host, Kind = HostKind.VirtualMachine, Environment = p.HostedIn,
                PlannedHttpsPort = options.Port(p.HttpsPort), PlannedHttpPort = options.Port(p.HttpPort),
            };
        }
    }
}
