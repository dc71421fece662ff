using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using OvmSelfHost.Ovm.Configuration;
using OvmSelfHost.Ovm.WsApi;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.DependencyInjection;

public static class OvmAdapterServiceCollectionExtensions
{
    /// <summary>
    /// The real Oracle VM adapters configured from <paramref name="section"/> (the <c>Ovm</c> section): one WS-API
    /// client per manager, SSH or simulated hosts, validated at start-up.
    /// </summary>
    public static IServiceCollection AddOvmAdapters(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<OvmAdapterOptions>().Bind(section).ValidateOnStart();
        var snapshot = section.Get<OvmAdapterOptions>() ?? new OvmAdapterOptions();
        return AddCore(services, snapshot.Environments.Keys);
    }

    /// <summary>The same adapters from options built in code (for example <see cref="SimulatorAdapterOptions.FromSimulatorAsync"/>).</summary>
    public static IServiceCollection AddOvmAdapters(this IServiceCollection services, OvmAdapterOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddOptions<OvmAdapterOptions>()
            .Configure(o =>
            {
                o.Environments = options.Environments;
                o.Secrets = options.Secrets;
            })
            .ValidateOnStart();
        return AddCore(services, options.Environments.Keys);
    }

    private static IServiceCollection AddCore(IServiceCollection services, IEnumerable<string> environments)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OvmAdapterOptions>, OvmAdapterOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        foreach (var environment in environments)
        {
            WsApiClientRegistration.Add(services, environment, ManagerRole.Original);
            WsApiClientRegistration.Add(services, environment, ManagerRole.Replacement);
        }

        services.AddHttpClient(WsApiClientName.SimulatorControl)
            .AddStandardResilienceHandler()
            .Configure((o, sp) => WsApiClientRegistration.ConfigureResilience(o, TimeSpan.FromSeconds(30),
                sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>()?.CreateLogger("OvmSelfHost.Ovm.WsApi.Retries"), "simulator control API"));
        services.TryAddSingleton<IOvmConnections, OvmConnections>();
        return services;
    }
}
