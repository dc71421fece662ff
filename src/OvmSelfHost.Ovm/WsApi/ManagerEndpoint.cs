namespace OvmSelfHost.Ovm.WsApi;

/// <summary>Who a WS-API client talks to, in words for messages and logs (never the password).</summary>
/// <param name="Label">e.g. <c>A/Original manager (https://ovmm-a:7002/ovm/core/wsapi/rest)</c>.</param>
internal sealed record ManagerEndpoint(string Label, string Username, string ConfigurationPath);
