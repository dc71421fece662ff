using OvmSelfHost.Runbook.Gates;

namespace OvmSelfHost.Runbook.Definition;

/// <summary>The procedure of PROCEDURE.md as data: the steps of a phase and the two phases of a pair.</summary>
public static class Procedure
{
    public const int PhaseCount = 2;

    public static IReadOnlyList<RunbookStep> Steps { get; } =
    [
        new(StepKind.Preflight, "Preflight",
            "Read-only checks of both environments: managers running, hosting pool clustered with two or more servers, no self-hosting, a minimal environment.",
            "{target} and {hosting} managers and hosts", StepRisk.None, "Reads only.", "Nothing.",
            ApprovalPolicy.None, TimeSpan.FromMinutes(1),
            null),
        new(StepKind.PrepareHostingEnvironment, "Prepare the hosting environment",
            "Discover the hosting environment's servers, add them to the clustered pool and present the repository, where guide step 2 is missing.",
            "{hosting} manager", StepRisk.Low, "Changes the hosting pool's membership.", "The hosting pool is the one meant to host the manager VM.",
            ApprovalPolicy.None, TimeSpan.FromMinutes(10),
            "The hosting pool is clustered with every listed server in it and the repository is presented to all of them; each server, membership and presentation already there is not asked for again."),
        new(StepKind.CreateManagerVm, "Create the manager VM",
            "Create the VM that will run {target}'s manager in {hosting}'s clustered pool, with high availability on, from the Oracle Linux template.",
            "{hosting} manager", StepRisk.Low, "Creates a VM in a production pool.", "Size and pool of the VM.",
            ApprovalPolicy.OneApprover, TimeSpan.FromMinutes(10),
            "A VM with the planned name exists in the hosting pool (created by this migration), with HA on and running; its id is recorded."),
        new(StepKind.VerifyGuestOs, "Verify the guest OS",
            "Check the new VM's Oracle Linux release, memory, CPUs, swap and free space against the manager's requirements (4.3.2).",
            "new VM for {target}", StepRisk.None, "Reads only.", "Nothing.",
            ApprovalPolicy.None, TimeSpan.FromMinutes(1),
            null),
        new(StepKind.ReadManagerUuid, "Read the manager UUID",
            "Read UUID= from {target}'s manager .config, the UUID the new instance must take.",
            "{target} manager host", StepRisk.None, "Reads only.", "Nothing.",
            ApprovalPolicy.None, TimeSpan.FromMinutes(1),
            null),
        new(StepKind.CheckDatabase, "Check the database",
            "When {target}'s manager database runs in a separate VM, check it is running before the install.",
            "{target} database host", StepRisk.None, "Reads only.", "Nothing.",
            ApprovalPolicy.None, TimeSpan.FromMinutes(1),
            null),
        new(StepKind.InstallManager, "Install the manager with the same UUID",
            "Attach the installer ISO to the new VM and run runInstaller.sh --uuid=<UUID of {target}'s manager>.",
            "new VM for {target}", StepRisk.Medium, "Installs software; a wrong UUID would orphan {target}'s servers.", "The UUID shown is the one of {target}'s manager.",
            ApprovalPolicy.OneApprover, TimeSpan.FromMinutes(45),
            "The new VM's .config holds the old manager's UUID and ovmm runs (installed); or runInstaller.sh still runs there (wait for it, never start a second one); a different UUID stops the step for a person."),
        new(StepKind.RecordInventory, "Record the inventory",
            "Record what {target}'s current manager sees: servers, pools, repositories, VMs, disks, networks, file servers.",
            "{target} manager", StepRisk.None, "Reads only.", "Nothing.",
            ApprovalPolicy.None, TimeSpan.FromMinutes(2),
            null),
        new(StepKind.StopOldManager, "Stop the old manager",
            "Run 'service ovmm stop' on {target}'s current manager host and confirm it is down. From here {target} has no manager until the new one takes over.",
            "{target} manager host", StepRisk.Dangerous,
            "Cutover: {target} runs without a manager until rediscovery; two managers with one UUID must never run together.",
            "The new manager is installed and running; nobody is working in {target}'s manager; the recorded inventory looks complete.",
            ApprovalPolicy.TwoApprovers, TimeSpan.FromMinutes(5),
            "The old manager's ovmm service reads Stopped and its WS-API no longer answers RUNNING."),
        new(StepKind.Rediscover, "Rediscover from the new manager",
            "From the new manager: wait until RUNNING, discover {target}'s servers and file servers, refresh file systems and repositories.",
            "new manager for {target}", StepRisk.Medium, "Takes ownership of {target}'s servers.", "The old manager is stopped.",
            ApprovalPolicy.None, TimeSpan.FromMinutes(30),
            "Each recorded server is already known to the new manager and owned by its UUID; those are not discovered again.",
            RunsPastWindowClose: true),
        new(StepKind.VerifyInventory, "Verify the inventory",
            "Compare what the new manager sees with the recorded inventory; every item must be seen again.",
            "new manager for {target}", StepRisk.None, "Reads only.", "Nothing.",
            ApprovalPolicy.None, TimeSpan.FromMinutes(5),
            null,
            RunsPastWindowClose: true),
        new(StepKind.ProveHighAvailability, "Prove high availability (HA drill)",
            "Live-migrate the new manager VM to another server of {hosting}'s pool, wait for the job, and check the manager answers with the same UUID and still manages {target}'s servers.",
            "new manager VM for {target} in {hosting}", StepRisk.Low,
            "Moves the new manager's VM; the manager pauses for a moment at the end of the move.",
            "Nothing: it runs on its own; switch it off per environment with HaDrill=false.",
            ApprovalPolicy.None, TimeSpan.FromMinutes(5),
            "The recorded migrate job is waited for, not asked again; a VM already on the drill's target server is taken as moved; then the manager is asked again for its UUID and servers.",
            RunsPastWindowClose: true),
        new(StepKind.ConfirmPhase, "Confirm the phase",
            "Confirm that {target} is now managed from the HA VM in {hosting}.",
            "{target} and {hosting}", StepRisk.Dangerous, "After this, rolling back means a new migration.",
            "The inventory difference is empty or accepted; the new manager works.",
            ApprovalPolicy.OneApprover, TimeSpan.FromMinutes(2),
            null),
    ];

    public static RunbookStep Step(StepKind kind) => Steps[(int)kind];

    public static PhasePlan Phase(int number, string environmentA, string environmentB) => number switch
    {
        1 => new PhasePlan(1, Target: environmentB, Hosting: environmentA),
        2 => new PhasePlan(2, Target: environmentA, Hosting: environmentB),
        _ => throw new ArgumentOutOfRangeException(nameof(number), number, "A migration has two phases."),
    };

    /// <summary>The step after <paramref name="kind"/> in phase <paramref name="phase"/>, or null at the very end.</summary>
    public static (int Phase, StepKind Kind)? Next(int phase, StepKind kind)
    {
        if (kind != StepKind.ConfirmPhase)
        {
            return (phase, kind + 1);
        }

        return phase < PhaseCount ? (phase + 1, StepKind.Preflight) : null;
    }

    public static string Render(string template, PhasePlan plan) =>
        template.Replace("{target}", plan.Target, StringComparison.Ordinal).Replace("{hosting}", plan.Hosting, StringComparison.Ordinal);
}
