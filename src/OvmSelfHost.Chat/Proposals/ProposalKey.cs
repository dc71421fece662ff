using System.Globalization;

namespace OvmSelfHost.Chat.Proposals;

/// <summary>
/// One opening of one gate of one migration: what a button or card action points at. A gate opened
/// again (a retry) has a new round, so a button of an earlier opening never counts for the new one.
/// </summary>
public sealed record ProposalKey(Guid MigrationId, int Phase, string Gate, int Round)
{
    private const char Separator = '.';

    /// <summary>The gate opening a vote through this key is bound to.</summary>
    public Runbook.Gates.GateOpening Opening => new(Phase, Gate, Round);

    /// <summary>The compact form carried in a button value: <c>{id:N}.{phase}.{gate}.{round}</c>.</summary>
    public override string ToString() =>
        string.Join(Separator, MigrationId.ToString("N"), Phase.ToString(CultureInfo.InvariantCulture), Gate, Round.ToString(CultureInfo.InvariantCulture));

    public static bool TryParse(string? text, out ProposalKey? key)
    {
        key = null;
        var parts = (text ?? "").Split(Separator);
        if (parts.Length != 4
            // Guid parsing forgives surrounding whitespace; a key is machine-made, so it must be exact.
            || parts[0].Length != 32
            || !parts[0].All(char.IsAsciiHexDigit)
            || !Guid.TryParseExact(parts[0], "N", out var id)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var phase)
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var round)
            || parts[2].Length is 0 or > 64
            || !parts[2].All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }

        key = new ProposalKey(id, phase, parts[2], round);
        return true;
    }
}
