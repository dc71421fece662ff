namespace OvmSelfHost.Scheduling;

/// <summary><c>Scheduling</c>: how windows behave.</summary>
public sealed class SchedulingOptions
{
    public const string SectionName = "Scheduling";

    /// <summary>How long before an opening the gates of its steps are proposed (a reminder to the approvers).</summary>
    public TimeSpan ReminderBefore { get; set; } = TimeSpan.FromMinutes(30);
}
