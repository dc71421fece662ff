using Microsoft.Extensions.Options;
using OvmSelfHost.Chat.Commands;
using OvmSelfHost.Configuration;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.People;
using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.Runbook.Settings;
using OvmSelfHost.Runbook.Steps;
using OvmSelfHost.Runbook.Windows;

namespace OvmSelfHost.Running;

public static class RunbookExtensions
{
    /// <summary>The engine, its steps, the background driver and the command language.</summary>
    public static IHostApplicationBuilder AddRunbook(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<EnvironmentsOptions>().BindConfiguration(EnvironmentsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EnvironmentsOptions>, EnvironmentsOptionsValidator>();
        services.AddOptions<UsersOptions>().BindConfiguration(UsersOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UsersOptions>, UsersOptionsValidator>();
        services.AddOptions<RunbookOptions>().BindConfiguration(RunbookOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RunbookOptions>, RunbookOptionsValidator>();
        var gates = HostConfiguration.ReadGates(builder.Configuration);
        var freshSignIn = (builder.Configuration.GetSection(SignIn.SignInOptions.SectionName).Get<SignIn.SignInOptions>() ?? new()).Rule();
        services.AddSingleton(sp => HostConfiguration.Settings(
            sp.GetRequiredService<IOptions<EnvironmentsOptions>>().Value, sp.GetRequiredService<IOptions<RunbookOptions>>().Value, gates) with { FreshSignIn = freshSignIn });
        services.AddSingleton(sp => HostConfiguration.People(sp.GetRequiredService<IOptions<UsersOptions>>().Value));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<RunEvents>();
        services.AddSingleton<IRunNotifier>(sp => sp.GetRequiredService<RunEvents>());
        services.AddSingleton<BackgroundRunDriver>();
        services.AddSingleton<IRunDriver>(sp => sp.GetRequiredService<BackgroundRunDriver>());
        services.AddHostedService(sp => sp.GetRequiredService<BackgroundRunDriver>());
        AddStepHandlers(services);
        services.AddSingleton(sp => new MigrationEngine(
            sp.GetRequiredService<IMigrationStore>(),
            sp.GetRequiredService<RunbookSettings>(),
            sp.GetRequiredService<PeopleDirectory>(),
            sp.GetServices<IStepHandler>(),
            new CompositeRunNotifier(sp.GetServices<IRunNotifier>(), sp.GetRequiredService<ILogger<CompositeRunNotifier>>()),
            sp.GetRequiredService<IRunDriver>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<IOvmConnections>(),
            sp.GetService<IMaintenanceWindows>(),
            sp.GetRequiredService<Runbook.Leases.IRunLeases>()));
        services.AddSingleton<VoteRehearsal>();
        services.AddHostedService(sp => sp.GetRequiredService<VoteRehearsal>());
        services.AddSingleton<CommandExecutor>();
        services.AddHostedService(sp => new OldManagerWatchService(sp.GetRequiredService<MigrationEngine>(), sp.GetRequiredService<RunbookSettings>().OldManagerWatchInterval,
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
