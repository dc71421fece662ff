using System.Text.Json;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Endpoints;

/// <summary>The console's proposal carries what the approver is asked to check: the snapshot's facts and hash.</summary>
public sealed class ProposalFactsTests
{
    private static async Task<JsonElement> OpenProposalAsync(HttpClient client, Guid id) =>
        (await (await client.GetAsync($"/api/migrations/{id}/proposals")).ReadAsync()).EnumerateArray()
            .Single(p => p.GetProperty("status").GetString() == "Open");

    [Fact]
    public async Task OpenStepGates_Proposals_ShowTheNewVmsSizeAndPoolThenTheUuidToInstall()
    {
        var ovm = new FakeOvm();
        await using var host = new HostFactory(ovm);
        var client = host.CreateClient();
        var id = (await (await client.PostJsonAsync("/api/migrations", new { environments = new[] { "A", "B" }, requestedBy = "alice" })).ReadAsync()).GetProperty("id").GetGuid();
        await client.WaitForAsync(id, r => r.GetProperty("pendingGate").GetString() == "CreateManagerVm");

        var create = await OpenProposalAsync(client, id);
        var facts = create.GetProperty("facts").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("value").GetString()!);
        Assert.Matches("^[0-9a-f]{12}$", create.GetProperty("snapshotHash").GetString());
        Assert.Matches(@"^planned: \S+, \d+ MB, \d+ CPUs, pool pool-a, HA on, repository repo-a$", facts["new VM for B's manager"]);

        await client.PostJsonAsync($"/api/proposals/{Uri.EscapeDataString(create.GetProperty("key").GetString()!)}/votes", new { user = "bob", decision = "approve" });
        await client.WaitForAsync(id, r => r.GetProperty("pendingGate").GetString() == "InstallManager");
        var install = await OpenProposalAsync(client, id);
        var uuid = ovm.Environments["B"].OriginalUuid;
        Assert.Contains($"--uuid={uuid}", install.GetProperty("whatHappens").GetString());
        Assert.Contains(install.GetProperty("facts").EnumerateArray(), f => f.GetProperty("name").GetString() == "UUID the new manager takes" && f.GetProperty("value").GetString() == uuid);
    }
}
