using OvmSelfHost.Runbook.Gates;

namespace OvmSelfHost.Runbook.Settings;

/// <summary>
/// Gates whose approval counts only from a sign-in at the identity provider no older than
/// <see cref="MaxAge"/>. Null in <see cref="RunbookSettings.FreshSignIn"/> when no provider is
/// configured (local mode): those gates then work as every other.
/// </summary>
public sealed record FreshSignInRule(IReadOnlySet<string> Gates, TimeSpan MaxAge)
{
    public bool Applies(GateKey gate) => Gates.Contains(gate.Name);
}
