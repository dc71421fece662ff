namespace OvmSelfHost.Simulator.Control;

internal sealed record FaultView(
    string Id, string Kind, string? Manager, string? Method, string? Path, string? Operation, int? Remaining,
    double DelaySeconds, string? Message, string? ErrorCode, string? ObjectId);
