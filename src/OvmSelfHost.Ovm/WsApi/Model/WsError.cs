namespace OvmSelfHost.Ovm.WsApi.Model;

/// <summary>The body of a non-2xx answer: <c>{"errorCode":"GEN_000002","message":"GEN_000002:…","cause":null}</c>.</summary>
internal sealed record WsError(string? ErrorCode, string? Message, string? Cause);
