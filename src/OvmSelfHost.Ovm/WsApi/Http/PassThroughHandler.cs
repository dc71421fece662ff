namespace OvmSelfHost.Ovm.WsApi.Http;

/// <summary>Stands in the handler chain where a configuration needs no handler (IHttpClientFactory wants one per slot).</summary>
internal sealed class PassThroughHandler : DelegatingHandler;
