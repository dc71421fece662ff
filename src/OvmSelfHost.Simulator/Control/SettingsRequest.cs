namespace OvmSelfHost.Simulator.Control;

internal sealed record SettingsRequest(
    double? TimeScale, double? JobSeconds, double? DiscoverySeconds, double? RefreshSeconds,
    double? InstallerSeconds, double? ManagerStartupSeconds, int? RequestLatencyMs,
    double? HaRestartSeconds = null, double? VmBootSeconds = null, double? MigrationSeconds = null, double? MigrationPauseSeconds = null);
