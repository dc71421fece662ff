using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Engine;

/// <summary>
/// How long each kind of Oracle VM job has taken (the median of its last five), learned from the
/// intents' own times, so that waiting for one reads near its usual end instead of backing off
/// blindly. Kinds are the step and the intent's verb, e.g. "Rediscover:discover". The intents are
/// in the database, so what one replica learned is learned again by every replica and after a
/// restart (<see cref="IMigrationStore.CompletedJobsAsync"/>); a kind never seen yet uses the
/// configured expectation (<see cref="Settings.RunbookSettings.ExpectedJobDurations"/>), if any.
/// </summary>
public sealed class OperationDurations(IReadOnlyDictionary<string, TimeSpan>? configured = null)
{
    private readonly Dictionary<string, List<TimeSpan>> byKind = [];
    private readonly HashSet<Guid> learned = [];

    /// <summary>How many of a kind's latest durations the median is taken over.</summary>
    public const int Kept = 5;

    public static string KindOf(string intentKey)
    {
        var first = intentKey.IndexOf(':', StringComparison.Ordinal);
        var second = first < 0 ? -1 : intentKey.IndexOf(':', first + 1);
        return second < 0 ? intentKey : intentKey[..second];
    }

    public TimeSpan? Expected(string intentKey)
    {
        lock (byKind)
        {
            if (!byKind.TryGetValue(KindOf(intentKey), out var durations) || durations.Count == 0)
            {
                return configured is not null && configured.TryGetValue(KindOf(intentKey), out var expected) ? expected : null;
            }

            var sorted = durations.Order().ToList();
            return sorted[sorted.Count / 2];
        }
    }

    /// <summary>Learns from every completed job intent not seen before, oldest first (any run's, from any replica).</summary>
    public void Learn(IEnumerable<IntentRecord> intents)
    {
        lock (byKind)
        {
            foreach (var intent in intents.Where(i => i is { Status: IntentStatus.Completed, JobId: not null, CompletedAt: not null }).OrderBy(i => i.CompletedAt))
            {
                if (!learned.Add(intent.Id))
                {
                    continue;
                }

                var kind = KindOf(intent.Key);
                if (!byKind.TryGetValue(kind, out var durations))
                {
                    byKind[kind] = durations = [];
                }

                durations.Add(intent.CompletedAt!.Value - intent.RecordedAt);
                if (durations.Count > Kept)
                {
                    durations.RemoveAt(0);
                }
            }
        }
    }
}
