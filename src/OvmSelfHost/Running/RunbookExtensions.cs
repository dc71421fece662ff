using OvmSelfHost.Chat.Commands;
using OvmSelfHost.Configuration;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.Runbook.Steps;
using OvmSelfHost.Runbook.Windows;

namespace OvmSelfHost.Running;

public static class RunbookExtensions
{
    /// <summary>The engine, its steps, the background driver and the command language.</summary>
    public static IHostApplicationBuilder AddRunbook(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var (settings, people) = HostConfiguration.Read(builder.Configuration);
        settings = settings with { FreshSignIn = (builder.Configuration.GetSection(SignIn.SignInOptions.SectionName).Get<SignIn.SignInOptions>() ?? new()).Rule() };
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(people);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<RunEvents>();
        services.AddSingleton<IRunNotifier>(sp => sp.GetRequiredService<RunEvents>());
        services.AddSingleton<BackgroundRunDriver>();
        services.AddSingleton<IRunDriver>(sp => sp.GetRequiredService<BackgroundRunDriver>());
        services.AddHostedService(sp => sp.GetRequiredService<BackgroundRunDriver>());
        AddStepHandlers(services);
        services.AddSingleton(sp => new MigrationEngine(
            sp.GetRequiredService<IMigrationStore>(),
            settings,
            people,
            sp.GetServices<IStepHandler>(),
            new CompositeRunNotifier(sp.GetServices<IRunNotifier>(), sp.GetRequiredService<ILogger<CompositeRunNotifier>>()),
            sp.GetRequiredService<IRunDriver>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<IOvmConnections>(),
            sp.GetService<IMaintenanceWindows>(),
            sp.GetRequiredService<Runbook.Leases.IRunLeases>()));
        services.AddSingleton<CommandExecutor>();
        services.AddHostedService(sp => new OldManagerWatchService(sp.GetRequiredService<MigrationEngine>(), settings.OldManagerWatchInterval,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<OldManagerWatchService>>()));
        return builder;
    }

    private static void AddStepHandlers(IServiceCollection services)
    {
        var handlers = typeof(IStepHandler).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IStepHandler).IsAssignableFrom(t));
        foreach (var handler in handlers)
        {
            services.AddSingleton(typeof(IStepHandler), handler);
        }
    }
}
