using System.Globalization;
using System.Text;

namespace OvmSelfHost.Runbook.Records;

/// <summary>The change record as Markdown, to attach to a change ticket as is.</summary>
public static class ChangeRecordMarkdown
{
    public static string Render(ChangeRecord record)
    {
        var md = new StringBuilder();
        Line(md, $"# Change record: migration {record.MigrationId}");
        Line(md);
        Line(md, $"- **Pair**: {record.EnvironmentA} and {record.EnvironmentB} (each manager moves into an HA VM hosted by the other environment)");
        Line(md, $"- **Requested by**: {record.RequestedBy} via {record.RequestedVia}, {Time(record.CreatedAt)}");
        Line(md, $"- **State**: {record.State} (last change {Time(record.UpdatedAt)}){(record.StatusMessage is null ? "" : $": {Cell(record.StatusMessage)}")}");
        Line(md, $"- **Maintenance window**: {record.Window ?? "none (started at once)"}");
        Line(md, $"- **Journal**: {(record.Journal.Intact ? "intact" : "BROKEN")}: {record.Journal.Message}");
        Line(md, $"- **Produced**: {Time(record.ProducedAt)}");

        Line(md);
        Line(md, "## Steps");
        Line(md);
        Line(md, "| phase | step | status | started | finished | duration | Oracle VM jobs |");
        Line(md, "|---|---|---|---|---|---|---|");
        foreach (var s in record.Steps)
        {
            var jobs = s.Jobs.Count == 0 ? "" : string.Join("; ", s.Jobs.Select(j => $"{Cell(j.Description)}: {(j.JobId is null ? "no job (host command)" : $"job {j.JobId}")}, {j.Status}"));
            Line(md, $"| {s.Phase} | {s.Step} | {s.Status} | {Time(s.StartedAt)} | {Time(s.FinishedAt)} | {Duration(s.Duration)} | {jobs} |");
        }

        Line(md);
        Line(md, "## Gates");
        foreach (var g in record.Gates)
        {
            Line(md);
            Line(md, $"### Phase {g.Phase} {g.Gate}, round {g.Round} ({g.Policy}){(g.VoidedBecause is null ? "" : ": VOIDED")}");
            Line(md);
            if (g.Snapshot is { } snapshot)
            {
                Line(md, $"Shown to approvers ({Time(snapshot.TakenAt)}), {snapshot.Plan}; snapshot hash `{snapshot.Hash}`:");
                Line(md);
                foreach (var fact in snapshot.Facts)
                {
                    Line(md, $"- {fact.Name}: {fact.Value}");
                }

                Line(md);
            }

            if (g.VoidedBecause is not null)
            {
                Line(md, $"**Voided by drift**: {g.VoidedBecause}");
                Line(md);
            }

            if (g.Votes.Count == 0)
            {
                Line(md, "No votes.");
                continue;
            }

            Line(md, "| who | decision | when | channel | authenticated | reason | approved hash |");
            Line(md, "|---|---|---|---|---|---|---|");
            foreach (var v in g.Votes)
            {
                Line(md, $"| {v.User} | {v.Decision} | {Time(v.At)} | {v.Channel} | {Cell(v.Authentication)} | {Cell(v.Reason ?? "")} | {(v.ApprovedHash is null ? "" : $"`{v.ApprovedHash[..12]}`")} |");
            }
        }

        Line(md);
        Line(md, "## Inventory, differences and HA drills");
        foreach (var p in record.Phases)
        {
            Line(md);
            Line(md, $"### Phase {p.Phase}: {p.Target}'s manager into a VM hosted by {p.Hosting}");
            Line(md);
            Line(md, $"- Manager UUID kept: {p.OldManagerUuid ?? "not read yet"}; new manager: {p.NewManagerUuid ?? "not installed yet"}; new VM: {p.NewVmId ?? "not created yet"}");
            Line(md, $"- Inventory recorded before the cutover: {p.RecordedInventory ?? "not recorded"}");
            Line(md, $"- Differences after rediscovery: {(p.Differences is null ? "not compared yet" : p.Differences.Summarize(50).Replace("\n", "\n  ", StringComparison.Ordinal))}");
            Line(md, $"- HA drill: {(p.Drill is null ? "not run" : $"{(p.Drill.Passed ? "passed" : "FAILED")}: {p.Drill.Summary}{(p.Drill.JobId is null ? "" : $" (job {p.Drill.JobId})")}")}");
            foreach (var warning in p.Warnings)
            {
                Line(md, $"- Warning: {warning}");
            }
        }

        Line(md);
        Line(md, "## Window openings used");
        Line(md);
        if (record.WindowOpenings.Count == 0)
        {
            Line(md, "None: the migration was not bound to a maintenance window.");
        }

        foreach (var opening in record.WindowOpenings)
        {
            Line(md, $"- {opening}");
        }

        return md.ToString();
    }

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');

    private static string Time(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";

    private static string Duration(TimeSpan? d) => d is { } t ? t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture) : "";

    /// <summary>Keeps a free text inside its table cell.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
