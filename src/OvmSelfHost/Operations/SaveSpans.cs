using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OvmSelfHost.Operations;

/// <summary>A span around every database save (a step's intents, a run's state), as a child of the step that saves.</summary>
internal sealed class SaveSpans : SaveChangesInterceptor
{
    private static readonly AsyncLocal<Activity?> Current = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var activity = HostTelemetry.Source.StartActivity("db save", ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("db.system", eventData.Context?.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true ? "postgresql" : "sqlite");
            activity.SetTag("db.entries", eventData.Context?.ChangeTracker.Entries().Count(e => e.State != EntityState.Unchanged));
            Current.Value = activity;
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        End(null);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        End(eventData.Exception.GetType().Name);
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }

    private static void End(string? error)
    {
        if (Current.Value is not { } activity)
        {
            return;
        }

        if (error is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, error);
        }

        activity.Dispose();
        Current.Value = null;
    }
}
