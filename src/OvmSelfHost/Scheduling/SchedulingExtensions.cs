using Microsoft.Extensions.Options;
using Quartz;
using OvmSelfHost.Configuration;
using OvmSelfHost.Storage;
using OvmSelfHost.Runbook.Windows;

namespace OvmSelfHost.Scheduling;

public static class SchedulingExtensions
{
    /// <summary>
    /// Maintenance windows on Quartz.NET: validated at start-up, persisted in the same database as the
    /// runs (Quartz creates its own tables), clustered across replicas on PostgreSQL.
    /// </summary>
    public static IHostApplicationBuilder AddRunScheduling(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.SectionName);
        builder.Services.AddOptions<MaintenanceWindowsOptions>().BindConfiguration(MaintenanceWindowsOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MaintenanceWindowsOptions>, MaintenanceWindowsOptionsValidator>();
        builder.Services.AddSingleton(sp => QuartzMaintenanceWindows.From(
            sp.GetRequiredService<IOptions<MaintenanceWindowsOptions>>().Value, sp.GetRequiredService<IOptions<SchedulingOptions>>().Value.ReminderBefore));
        builder.Services.AddSingleton<IMaintenanceWindows>(sp => sp.GetRequiredService<QuartzMaintenanceWindows>());
        builder.Services.AddSingleton<WindowTimers>();
        builder.Services.AddTransient<WindowEdgeJob>();
        builder.Services.AddSingleton<GateTimers>();
        builder.Services.AddSingleton<Runbook.Engine.IRunNotifier, GateTimerNotifier>();
        builder.Services.AddTransient<GateTimeJob>();

        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var connection = StorageExtensions.ResolveConnectionString(storage, builder.Environment.ContentRootPath);
        // No UseTimeProvider here on purpose: it takes an instance now, while the host's one clock is the
        // TimeProvider in the container (tests replace it). Quartz 4 uses the container's TimeProvider when it
        // is given none, so its triggers, misfires and cluster check-ins run on the same clock as the engine.
        builder.Services.AddQuartz(q =>
        {
            q.UsePersistentStore(s =>
            {
                s.ConfigureStore(o => o.StoreJobDataAsStrings = true);
                if (storage.Provider == StorageProvider.PostgreSql)
                {
                    s.UsePostgres(connection);
                    s.UseClustering(_ => { });
                }
                else
                {
                    s.UseSqlite(connection);
                }

                s.ProvisionSchema();
            });
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddHostedService<WindowTimersService>();
        builder.Services.AddHostedService<GateTimersService>();
        return builder;
    }
}
