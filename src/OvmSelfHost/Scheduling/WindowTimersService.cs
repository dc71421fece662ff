using Quartz;

namespace OvmSelfHost.Scheduling;

/// <summary>Registers the windows' timers once the scheduler exists.</summary>
internal sealed class WindowTimersService(ISchedulerFactory schedulers, WindowTimers timers) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await timers.RegisterAsync(scheduler, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
