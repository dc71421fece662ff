using OvmSelfHost.Simulator.Inferred;
using OvmSelfHost.Simulator.World;

namespace OvmSelfHost.Simulator.Hosts;

/// <summary>
/// <c>runInstaller.sh</c> on a manager host: validates the host and the UUID, streams progress lines,
/// and at the end writes <c>.config</c> and brings up a manager with that UUID and an empty database.
/// </summary>
internal sealed class ManagerInstaller(SimulationWorld world)
{
    private int next;

    public InstallRun Start(SimHost host, IReadOnlyList<string> args)
    {
        var options = InstallerArguments.Parse(args);
        var refusal = Refusal(host, options);
        if (refusal is not null)
        {
            return Record(host, args, null, refusal.Value.Lines, TimeSpan.Zero, refusal.Value.ExitCode);
        }
        var uuid = string.IsNullOrEmpty(options.Uuid) ? world.Ids.ManagerUuid() : options.Uuid.ToLowerInvariant();
        return Record(host, args, uuid, InstallerScript.Progress(host.Name, uuid), world.Settings.Scaled(world.Settings.InstallerSeconds), null);
    }

    private (IReadOnlyList<string> Lines, int ExitCode)? Refusal(SimHost host, InstallerArguments options)
    {
        if (!world.IsReachable(host))
            return ([$"ssh: connect to host {host.Name} port 22: No route to host"], 255);
        if (host.Files.ContainsKey(SimulationWorld.ConfigPath) || world.ManagerOn(host) is not null)
            return ([$"ERROR: Oracle VM Manager is already installed on {host.Name} ({SimulationWorld.ConfigPath} exists). Uninstall it or use --installtype=Upgrade."], 1);
        if (host.Installs.Any(r => r.State == "running"))
            return (["ERROR: another Oracle VM Manager installation is in progress on this host."], 1);
        if (options.InstallType is not null && !string.Equals(options.InstallType, "Install", StringComparison.OrdinalIgnoreCase))
            return ([$"ERROR: install type '{options.InstallType}' is not supported on this host (only Install)."], 2);
        if (options.Uuid is not null && !InferredChoices.ManagerUuidFormat().IsMatch(options.Uuid))
            return ([$"ERROR: Invalid UUID '{options.Uuid}'. The UUID must be a 32 hex digit string starting with 0004fb."], 1);
        if (host.Kind == HostKind.VirtualMachine && world.HostVm(host.Name) is { } vm && !world.HasInstallerIsoMounted(vm))
            return ([$"bash: ./runInstaller.sh: No such file or directory (mount the {InferredChoices.InstallerIsoPrefix}-*.iso as a CD-ROM of VM {host.Name})"], 127);
        if (!options.NoPrereq && world.FactsOf(host) is { } facts && facts.MemoryMb < InferredChoices.InstallerMinimumMemoryMb)
            return ([$"*** ERROR: Recommended memory for the Oracle VM Manager server installation using Local MySql DB is {InferredChoices.InstallerMinimumMemoryMb} MB RAM (found {facts.MemoryMb} MB)"], 1);
        return null;
    }

    private InstallRun Record(SimHost host, IReadOnlyList<string> args, string? uuid, IReadOnlyList<string> lines, TimeSpan duration, int? exitCode)
    {
        var run = new InstallRun
        {
            Id = $"install-{++next}", HostName = host.Name, Args = args, StartedAt = world.Now,
            Duration = duration, PlannedLines = lines, Uuid = uuid,
        };
        if (exitCode is not null)
        {
            run.State = "failed";
            run.ExitCode = exitCode;
        }
        host.Installs.Add(run);
        return run;
    }

    /// <summary>The installer's process dies with its VM (a server failure): nothing is installed, the log says why.</summary>
    public void Interrupt(SimHost host, string why)
    {
        foreach (var run in host.Installs.Where(r => r.State == "running"))
        {
            run.TrailingLines.Add($"ERROR: installation interrupted: {why}.");
            run.State = "failed";
            run.ExitCode = 137;
        }
    }

    public void Complete(InstallRun run)
    {
        var host = world.Hosts[run.HostName];
        if (!world.IsReachable(host) || world.ManagerOn(host) is not null)
        {
            run.TrailingLines.Add("ERROR: installation interrupted: the host went down or a manager appeared meanwhile.");
            run.State = "failed";
            run.ExitCode = 1;
            return;
        }
        var at = run.StartedAt + run.Duration;
        host.Files[SimulationWorld.ConfigPath] = InstallerScript.Config(run.Uuid!);
        host.Services["ovmm_mysql"] = true;
        world.Managers.Add(new SimManager
        {
            Name = host.Name, HostName = host.Name, Uuid = run.Uuid!, User = world.DefaultUser, Password = world.DefaultPassword,
            HttpsPort = host.PlannedHttpsPort, HttpPort = host.PlannedHttpPort, ServiceStartedAt = at,
        });
        run.TrailingLines.AddRange(InstallerScript.Summary(host.Name, run.Uuid!, host.PlannedHttpsPort));
        run.State = "succeeded";
        run.ExitCode = 0;
    }
}
