namespace OvmSelfHost.Simulator.Control;

internal sealed record FaultRequest(
    string? Kind, string? Manager, string? Method, string? Path, string? Operation, int? Count,
    double? DelaySeconds, string? Message, string? ErrorCode, string? ObjectId);
