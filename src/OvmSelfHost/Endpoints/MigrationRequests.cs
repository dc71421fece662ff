namespace OvmSelfHost.Endpoints;

public sealed record StartMigrationRequest(IReadOnlyList<string>? Environments, string? RequestedBy, string? Window);

public sealed record DecisionRequest(string? User, string? Decision, string? Reason);

public sealed record ActionRequest(string? User, string? Action);

public sealed record CommandRequest(string? User, string? Text);
