namespace OvmSelfHost.Runbook.Definition;

/// <summary>The steps of one phase, in the order they run.</summary>
public enum StepKind
{
    Preflight,
    PrepareHostingEnvironment,
    CreateManagerVm,
    VerifyGuestOs,
    ReadManagerUuid,
    CheckDatabase,
    InstallManager,
    RecordInventory,
    StopOldManager,
    Rediscover,
    VerifyInventory,
    ProveHighAvailability,
    ConfirmPhase,
}
