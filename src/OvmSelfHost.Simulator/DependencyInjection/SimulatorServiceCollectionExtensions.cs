using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OvmSelfHost.Simulator.Hosting;

namespace OvmSelfHost.Simulator.DependencyInjection;

/// <summary>Registers the simulator as a hosted service bound to the <c>Simulator</c> configuration section.</summary>
public static class SimulatorServiceCollectionExtensions
{
    public static IServiceCollection AddOvmSimulator(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SimulatorOptions>()
            .Bind(configuration.GetSection(SimulatorOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SimulatorHandle>();
        services.AddHostedService<OvmSimulatorHostedService>();
        return services;
    }

    public static TBuilder AddOvmSimulator<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOvmSimulator(builder.Configuration);
        return builder;
    }
}
