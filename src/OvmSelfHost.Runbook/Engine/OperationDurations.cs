using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Engine;

/// <summary>
/// How long each kind of Oracle VM job has taken here (the median of its last five), learned from
/// the intents' own times, so that waiting for one reads near its usual end instead of backing off
/// blindly. Kinds are the step and the intent's verb, e.g. "Rediscover:discover".
/// </summary>
public sealed class OperationDurations
{
    private readonly Dictionary<string, List<TimeSpan>> byKind = [];
    private readonly HashSet<Guid> learned = [];

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
                return null;
            }

            var sorted = durations.Order().ToList();
            return sorted[sorted.Count / 2];
        }
    }

    /// <summary>Learns from every completed job intent not seen before (a run's own history survives a restart this way).</summary>
    public void Learn(IEnumerable<IntentRecord> intents)
    {
        lock (byKind)
        {
            foreach (var intent in intents.Where(i => i is { Status: IntentStatus.Completed, JobId: not null, CompletedAt: not null }))
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
                if (durations.Count > 5)
                {
                    durations.RemoveAt(0);
                }
            }
        }
    }
}
