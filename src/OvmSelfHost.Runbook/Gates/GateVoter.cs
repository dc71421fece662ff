using OvmSelfHost.Runbook.People;

namespace OvmSelfHost.Runbook.Gates;

/// <summary>
/// The runbook's answer for one configured person on one gate opening: whether an approval from them
/// would count now, and if not, the refusal they would get. Channels offer vote buttons from this and
/// nothing else, so a card never offers a vote the runbook would refuse.
/// </summary>
/// <param name="Refusal">Why an approval from <paramref name="Person"/> would not count; null when it would.</param>
public sealed record GateVoter(Person Person, string? Refusal)
{
    public bool MayVote => Refusal is null;
}
