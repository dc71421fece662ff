namespace OvmSelfHost.Runbook.Ports;

/// <summary>The TLS certificate a manager presents: who it names and when it expires.</summary>
public sealed record CertificateReading(string Subject, DateTimeOffset NotAfter, string Thumbprint);
