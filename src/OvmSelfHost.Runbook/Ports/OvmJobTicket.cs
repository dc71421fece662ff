namespace OvmSelfHost.Runbook.Ports;

/// <summary>The job Oracle VM returned for a modifying call, before anyone waited for it.</summary>
public sealed record OvmJobTicket(string JobId, string Summary);
