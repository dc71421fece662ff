using System.Text.Json.Nodes;

namespace OvmSelfHost.Simulator.Tests.Support;

/// <summary>Steps of PROCEDURE.md driven through the WS-API and the control API, shared by the scenario tests.</summary>
internal static class Procedure
{
    public const string UuidA = "0004fb0000010000a7c3e1f2d4b65a01";
    public const string UuidB = "0004fb0000010000b8d4f2a3e5c76b02";
    public const string ConfigPath = "/u01/app/oracle/ovm-manager-3/.config";

    /// <summary>Step 2-3: clone the OL7 template into the hosting pool as an HA VM, attach the installer ISO, start it.</summary>
    public static async Task<string> CreateManagerVmAsync(WsApiClient hosting, string vmName, string pool, string repository, bool mountIso = true)
    {
        var template = await hosting.ByNameAsync("Vm", "OL7U9-ovmm-template");
        var poolId = WsApiClient.Id(await hosting.ByNameAsync("ServerPool", pool));
        var repoId = WsApiClient.Id(await hosting.ByNameAsync("Repository", repository));
        var clone = await hosting.RunAsync(HttpMethod.Put,
            $"Vm/{WsApiClient.Id(template)}/clone?serverPoolId={poolId}&repositoryId={repoId}&createTemplate=false&name={vmName}");
        var vmId = clone["resultId"]!["value"]!.GetValue<string>();
        var vm = (await hosting.GetAsync($"Vm/{vmId}")).AsObject();
        vm["highAvailability"] = true;
        await hosting.RunAsync(HttpMethod.Put, $"Vm/{vmId}", vm);
        if (mountIso)
        {
            var iso = await hosting.ByNameAsync("VirtualDisk", "OracleVM-Manager-3.4.6-installer.iso");
            await hosting.RunAsync(HttpMethod.Post, $"Vm/{vmId}/VmDiskMapping",
                new JsonObject { ["virtualDiskId"] = WsApiClient.SimpleId(iso), ["diskTarget"] = 1, ["diskWriteMode"] = "READ_ONLY", ["emulatedBlockDevice"] = false });
        }
        await hosting.RunAsync(HttpMethod.Put, $"Vm/{vmId}/start");
        return vmId;
    }

    /// <summary>Step 5: run the installer on the host and wait for it (advancing the fake clock).</summary>
    public static async Task<JsonNode> InstallAsync(SimSession session, string host, params string[] args)
    {
        var started = await session.PostAsync($"sim/hosts/{host}/installer", new { args });
        return await WaitInstallAsync(session, host, started["installId"]!.GetValue<string>());
    }

    public static async Task<JsonNode> WaitInstallAsync(SimSession session, string host, string id)
    {
        for (var i = 0; i < 100; i++)
        {
            var run = await session.GetAsync($"sim/hosts/{host}/installer/{id}");
            if (run["state"]!.GetValue<string>() != "running") return run;
            await session.AdvanceAsync(TimeSpan.FromSeconds(5));
        }
        throw new Xunit.Sdk.XunitException("installer never finished");
    }

    /// <summary>Polls GET /Manager (advancing the clock) until RUNNING.</summary>
    public static async Task WaitRunningAsync(SimSession session, WsApiClient manager)
    {
        for (var i = 0; i < 100; i++)
        {
            var state = (await manager.GetAsync("Manager"))[0]!["managerRunState"]!.GetValue<string>();
            if (state == "RUNNING") return;
            await session.AdvanceAsync(TimeSpan.FromSeconds(2));
        }
        throw new Xunit.Sdk.XunitException("manager never reached RUNNING");
    }

    public static async Task<JsonObject> DiscoverAsync(WsApiClient manager, string serverName, string password = "Welcome1") =>
        await manager.WaitAsync(await manager.JobAsync(HttpMethod.Post, $"Server/discover?serverName={serverName}&takeOwnershipIfUnowned=true", password));
}
