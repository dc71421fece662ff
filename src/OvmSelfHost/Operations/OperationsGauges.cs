using Microsoft.EntityFrameworkCore;
using OvmSelfHost.Storage;

namespace OvmSelfHost.Operations;

/// <summary>
/// Gauges read from the database when they are collected (a scrape, an OTLP export), so every replica reports the
/// same truth: runs by state, and outbox rows not yet delivered.
/// </summary>
internal sealed partial class OperationsGauges(IDbContextFactory<MigrationDbContext> contexts, ILogger<OperationsGauges> logger)
{
    public void Register()
    {
        HostTelemetry.Meter.CreateObservableGauge("ovm.runs", RunsByState, "{run}", "Migrations by state.");
        HostTelemetry.Meter.CreateObservableGauge("ovm.outbox.backlog", Backlog, "{row}", "Outbox rows not yet delivered to their chat channel.");
    }

    private IEnumerable<System.Diagnostics.Metrics.Measurement<long>> RunsByState()
    {
        try
        {
            using var db = contexts.CreateDbContext();
            return db.Migrations.GroupBy(m => m.State).Select(g => new { State = g.Key, Count = g.LongCount() }).ToList()
                .Select(g => new System.Diagnostics.Metrics.Measurement<long>(g.Count, new KeyValuePair<string, object?>("ovm.run.state", g.State))).ToList();
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            LogUnreadable(logger, ex.Message);
            return [];
        }
    }

    private long Backlog()
    {
        try
        {
            using var db = contexts.CreateDbContext();
            return db.Outbox.LongCount(r => r.DeliveredAt == null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            LogUnreadable(logger, ex.Message);
            return 0;
        }
    }

    [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "Could not read the gauges from the database: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string reason);
}
