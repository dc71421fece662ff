using System.Collections.Concurrent;
using OvmSelfHost.Chat.Teams.Activities;
using OvmSelfHost.Runbook.People;

namespace OvmSelfHost.Chat.Teams.Conversations;

/// <summary>
/// The Teams user ids (<c>29:…</c>, per bot) of people seen on authenticated activities, by AAD
/// object id; for the card's <c>refresh.userIds</c>. People not seen yet are named by their MRI
/// <c>8:orgid:{object id}</c>. Thread-safe.
/// </summary>
public sealed class TeamsMembers(PeopleDirectory people)
{
    private readonly ConcurrentDictionary<string, string> userIds = new(StringComparer.OrdinalIgnoreCase);

    public void Learn(TeamsAccount? from)
    {
        if (from?.AadObjectId is { Length: > 0 } aad && from.Id is { Length: > 0 } id && id.StartsWith("29:", StringComparison.Ordinal))
        {
            userIds[aad] = id;
        }
    }

    /// <summary>The ids of the configured approvers who have a TeamsObjectId.</summary>
    public IReadOnlyList<string> ApproverIds() =>
        people.Approvers.Where(p => !string.IsNullOrEmpty(p.TeamsObjectId))
            .SelectMany(p => userIds.TryGetValue(p.TeamsObjectId!, out var id) ? new[] { id, Mri(p.TeamsObjectId!) } : [Mri(p.TeamsObjectId!)])
            .ToList();

    private static string Mri(string objectId) => "8:orgid:" + objectId.ToLowerInvariant();
}
