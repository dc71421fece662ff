namespace OvmSelfHost.Runbook.Ports;

/// <summary>The SSH host key a manager host presented, against the one pinned for it (fingerprints, never secrets).</summary>
/// <param name="Presented">The SHA-256 fingerprint the host presented (<c>SHA256:…</c>).</param>
/// <param name="Pinned">The pinned fingerprint.</param>
public sealed record HostKeyReading(string Presented, string Pinned, bool Matches);
