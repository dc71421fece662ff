namespace OvmSelfHost.Runbook.Windows;

public sealed record WindowDescription(string Name, string Cron, string TimeZone, TimeSpan Duration, IReadOnlyList<DateOnly> ExcludedDates);
