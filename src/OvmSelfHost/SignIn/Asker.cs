using OvmSelfHost.Runbook.People;

namespace OvmSelfHost.SignIn;

/// <summary>Who a request is from, as the host established it, and how (null in local mode: a picked configured user).</summary>
public sealed record Asker(string Name, Authentication? Authentication, IReadOnlyList<string> Roles);
