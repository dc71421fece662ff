using System.Security.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using OvmSelfHost.Ovm.Telemetry;
using OvmSelfHost.Ovm.Configuration;
using OvmSelfHost.Ovm.Simulated;
using OvmSelfHost.Ovm.WsApi.Http;
using OvmSelfHost.Runbook.Ports;
using Refit;

namespace OvmSelfHost.Ovm.WsApi;

/// <summary>
/// Registers one named Refit client per configured manager: base address, Basic auth + session cookie, certificate
/// policy, and the standard resilience handler with retries limited to safe (idempotent) methods.
/// </summary>
internal static class WsApiClientRegistration
{
    public static void Add(IServiceCollection services, string environment, ManagerRole role)
    {
        var name = WsApiClientName.For(environment, role);
        services.AddRefitClient<IOvmWsApi>(_ => WsApiJson.Settings(), name)
            .ConfigureHttpClient((sp, client) =>
            {
                var manager = Resolve(sp, environment, role);
                client.BaseAddress = string.IsNullOrEmpty(manager.BaseUrl) ? SimulatedManagerAddressHandler.Placeholder : new Uri(manager.BaseUrl.TrimEnd('/'));
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                UseCookies = false,
                SslOptions = { RemoteCertificateValidationCallback = ManagerCertificatePolicy.For(Resolve(sp, environment, role)) },
            })
            .AddHttpMessageHandler(() => new WsApiTelemetryHandler(environment, role.ToString()))
            .AddHttpMessageHandler(sp =>
            {
                var manager = Resolve(sp, environment, role);
                return new OvmSessionHandler(manager.Username, manager.Password);
            })
            .AddHttpMessageHandler(sp => Resolve(sp, environment, role) is { Simulated: { } simulated, BaseUrl.Length: 0 }
                ? new SimulatedManagerAddressHandler(simulated)
                : new PassThroughHandler())
            // The manager's own RequestTimeout bounds each attempt (HttpClient.Timeout is off: the pipeline owns time).
            .AddStandardResilienceHandler()
            .Configure((options, sp) => ConfigureResilience(options, Resolve(sp, environment, role).RequestTimeout,
                sp.GetService<ILoggerFactory>()?.CreateLogger("OvmSelfHost.Ovm.WsApi.Retries"), $"{environment}/{role} manager"));
    }

    /// <summary>A request option (set through Refit's <c>[Property]</c>): true sends the request once, whatever the retry policy.</summary>
    public const string SingleAttempt = "ovm.single-attempt";

    private static bool IsSingleAttempt(HttpRequestMessage? request) =>
        request is not null && ((IDictionary<string, object?>)request.Options).TryGetValue(SingleAttempt, out var value) && value is true;

    public static void ConfigureResilience(HttpStandardResilienceOptions options, TimeSpan attemptTimeout, ILogger? logger = null, string peer = "")
    {
        // A retry is expected (the old manager refuses connections during the cutover): one line, not a stack trace.
        if (logger is not null)
        {
            options.Retry.OnRetry = args =>
            {
                WsApiLog.Retrying(logger, peer, args.AttemptNumber + 1, args.Outcome.Exception?.GetBaseException().Message
                    ?? $"HTTP {(int?)args.Outcome.Result?.StatusCode}", args.RetryDelay.TotalSeconds);
                return ValueTask.CompletedTask;
            };
        }

        // A refused certificate is not transient: retrying it only delays the UntrustedPeer fault.
        options.Retry.ShouldHandle = args => ValueTask.FromResult(
            args.Outcome.Exception?.InnerException is not AuthenticationException && HttpClientResiliencePredicates.IsTransient(args.Outcome)
            && !IsSingleAttempt(args.Context.GetRequestMessage()));
        options.Retry.DisableForUnsafeHttpMethods();
        options.Retry.MaxRetryAttempts = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.AttemptTimeout.Timeout = attemptTimeout;
        options.TotalRequestTimeout.Timeout = attemptTimeout * 4 + TimeSpan.FromSeconds(10);
        // At least twice the attempt timeout, as the options' validation requires, and never under its 30 s default.
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max((attemptTimeout * 2).Ticks, TimeSpan.FromSeconds(30).Ticks));
    }

    internal static OvmManagerOptions Resolve(IServiceProvider services, string environment, ManagerRole role)
    {
        var options = services.GetRequiredService<IOptions<OvmAdapterOptions>>().Value;
        var settings = options.Environments.GetValueOrDefault(environment);
        return (role == ManagerRole.Original ? settings?.OriginalManager : settings?.ReplacementManager)
            ?? throw new InvalidOperationException($"{OvmAdapterOptions.SectionName}:Environments:{environment}:{role}Manager is not configured.");
    }
}
