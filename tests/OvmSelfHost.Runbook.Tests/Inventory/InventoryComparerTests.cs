using OvmSelfHost.Runbook.Inventory;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Runbook.Tests.Inventory;

public sealed class InventoryComparerTests
{
    private const string Uuid = "0004fb0000010000bbbbbbbbbbbbbbbb";

    private static EnvironmentInventory Inventory(string uuid, string owner, params string[] vms) => new(
        uuid,
        [new ServerFacts("s1", "ovs1", "p1", owner, "RUNNING")],
        [new PoolFacts("p1", "pool", true, ["s1"])],
        [new RepositoryFacts("r1", "repo", owner, ["s1"])],
        vms.Select(v => new VmFacts(v, v, "p1", "s1", "RUNNING", false, "r1")).ToList(),
        [], [new NamedObject("n1", "net")], [new NamedObject("f1", "nfs")], []);

    [Fact]
    public void Identical_inventories_have_no_difference()
    {
        var diff = InventoryComparer.Compare(Inventory(Uuid, Uuid, "vm1"), Inventory(Uuid, Uuid, "vm1"));

        Assert.True(diff.IsEmpty);
        Assert.Equal(6, diff.RecordedCount);
    }

    [Fact]
    public void A_vm_not_seen_again_is_missing()
    {
        var diff = InventoryComparer.Compare(Inventory(Uuid, Uuid, "vm1", "vm2"), Inventory(Uuid, Uuid, "vm1"));

        var difference = Assert.Single(diff.Differences);
        Assert.Equal((DifferenceKind.Missing, "Vm", "vm2"), (difference.Kind, difference.ObjectType, difference.Id));
        Assert.False(diff.HasOwnershipConflict);
    }

    [Fact]
    public void Servers_owned_by_another_uuid_are_an_ownership_conflict()
    {
        var diff = InventoryComparer.Compare(Inventory(Uuid, Uuid, "vm1"), Inventory("0004fb0000010000cccccccccccccccc", Uuid, "vm1"));

        Assert.True(diff.HasOwnershipConflict);
        Assert.Contains(diff.Differences, d => d.ObjectType == "Server" && d.Detail.Contains("owned by another manager", StringComparison.Ordinal));
    }

    [Fact]
    public void New_objects_seen_by_the_new_manager_are_not_differences()
    {
        var diff = InventoryComparer.Compare(Inventory(Uuid, Uuid, "vm1"), Inventory(Uuid, Uuid, "vm1", "vm-new"));

        Assert.True(diff.IsEmpty);
    }
}
