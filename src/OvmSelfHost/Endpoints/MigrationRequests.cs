namespace OvmSelfHost.Endpoints;

public sealed record StartMigrationRequest(IReadOnlyList<string>? Environments, string? RequestedBy, string? Window);

/// <summary>A vote through the API: it names the gate it decides (and, to be exact, its phase and opening round).</summary>
/// <param name="Phase">Optional: the phase of the opening; the one that waits when the request arrives when left out.</param>
/// <param name="Round">Optional: which opening of the gate (<c>gateRound</c> of the migration); the one that waits when left out.</param>
public sealed record DecisionRequest(string? User, string? Decision, string? Reason, string? Gate = null, int? Phase = null, int? Round = null);

public sealed record ActionRequest(string? User, string? Action);

public sealed record CommandRequest(string? User, string? Text);
