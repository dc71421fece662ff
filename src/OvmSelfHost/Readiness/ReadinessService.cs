using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OvmSelfHost.Chat.Outbox;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.Runbook.Readiness;
using OvmSelfHost.Runbook.Settings;
using OvmSelfHost.Storage;

namespace OvmSelfHost.Readiness;

/// <summary>
/// Runs a pair's readiness checks, keeps the result, and when it differs from the last one (a new problem, or one
/// fixed) writes the chat post in the same transaction, so it is posted once, through the outbox, even across a restart.
/// </summary>
internal sealed partial class ReadinessService(
    IServiceProvider services, RunbookSettings settings, TimeProvider time, IDbContextFactory<MigrationDbContext> contexts,
    OutboxWriter outbox, IEnumerable<IAnnouncementChannel> channels, IOptions<ReadinessOptions> options, ILogger<ReadinessService> logger) : IReadinessChecks
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private readonly SemaphoreSlim one = new(1, 1);

    /// <summary>The pairs the schedule checks: configured, or every pair of environments.</summary>
    public IReadOnlyList<(string First, string Second)> Pairs()
    {
        if (options.Value.Pairs.Count > 0)
        {
            return [.. options.Value.Pairs.Select(p => p.Split('-')).Select(p => (Canonical(p[0]), Canonical(p[1])))];
        }

        var names = settings.Environments.Keys.Order(StringComparer.Ordinal).ToList();
        return [.. names.SelectMany((a, i) => names.Skip(i + 1).Select(b => (a, b)))];
    }

    public string Canonical(string name) => settings.Environments.Keys.First(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));

    public async Task<ReadinessReport> CheckAsync(string first, string second, string trigger, CancellationToken cancellationToken)
    {
        var ovm = services.GetService<IOvmConnections>() ?? throw new InvalidOperationException("No Oracle VM adapter is configured.");
        var engine = services.GetRequiredService<MigrationEngine>();
        (first, second) = (Canonical(first), Canonical(second));
        var report = await new PairReadiness(ovm, settings, time).CheckAsync(first, second, await engine.ListAsync(cancellationToken), cancellationToken);
        // One result at a time: two checks of a pair racing would both compare with the same last result and post twice.
        await one.WaitAsync(cancellationToken);
        try
        {
            await SaveAsync(report, trigger, cancellationToken);
        }
        finally
        {
            one.Release();
        }

        LogChecked(logger, report.Pair, report.Status, report.Checks.Count(c => c.Status == ReadinessStatus.Fail), report.Checks.Count(c => c.Status == ReadinessStatus.Warn), trigger);
        return report;
    }

    public async Task<IReadOnlyList<ReadinessReport>> LatestAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = await db.Readiness.GroupBy(r => r.Pair).Select(g => g.Max(r => r.Id)).ToListAsync(cancellationToken);
        var rows = await db.Readiness.Where(r => ids.Contains(r.Id)).OrderBy(r => r.Pair).ToListAsync(cancellationToken);
        return [.. rows.Select(ToReport)];
    }

    public async Task<IReadOnlyList<ReadinessReport>> HistoryAsync(string first, string second, int count, CancellationToken cancellationToken)
    {
        var pair = $"{Canonical(first)}-{Canonical(second)}";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Readiness.Where(r => r.Pair == pair).OrderByDescending(r => r.Id).Take(count).ToListAsync(cancellationToken);
        return [.. rows.Select(ToReport)];
    }

    private async Task SaveAsync(ReadinessReport report, string trigger, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var last = await db.Readiness.Where(r => r.Pair == report.Pair).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        var change = ReadinessChange.Between(last is null ? null : ToReport(last), report);
        db.Readiness.Add(new ReadinessRow
        {
            Pair = report.Pair,
            CheckedAt = report.CheckedAt,
            Status = report.Status.ToString(),
            Trigger = trigger,
            ExpectedSeconds = report.ExpectedDuration.TotalSeconds,
            Checks = JsonSerializer.Serialize(report.Checks, Json),
        });
        var posted = false;
        if (change.Any)
        {
            foreach (var channel in channels)
            {
                if (await channel.AnnouncementAsync(change.Describe(report), cancellationToken) is { } message)
                {
                    outbox.Add(db, message);
                    posted = true;
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (posted)
        {
            outbox.Written();
        }
    }

    private static ReadinessReport ToReport(ReadinessRow row)
    {
        var pair = row.Pair.Split('-');
        return new ReadinessReport(pair[0], pair[1], row.CheckedAt,
            JsonSerializer.Deserialize<List<ReadinessCheck>>(row.Checks, Json) ?? [], TimeSpan.FromSeconds(row.ExpectedSeconds));
    }

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Readiness of {Pair}: {Status} ({Failures} failing, {Warnings} warning), asked by {Trigger}")]
    private static partial void LogChecked(ILogger logger, string pair, ReadinessStatus status, int failures, int warnings, string trigger);
}
