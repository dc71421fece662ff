namespace OvmSelfHost.Ovm.WsApi.Model;

/// <param name="Type">JobErrorType: WS_API, INTERNAL, LOCK, OBJECT_OUT_OF_DATE, ABORT, … (kept as a string).</param>
internal sealed record JobError(string? Message, string? Type);
