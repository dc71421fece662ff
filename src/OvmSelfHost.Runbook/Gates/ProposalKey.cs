using System.Globalization;

namespace OvmSelfHost.Runbook.Gates;

/// <summary>
/// One opening of one gate of one migration: what a button or card action points at. A gate opened
/// again (a retry) has a new round, so a button of an earlier opening never counts for the new one.
/// </summary>
public sealed record ProposalKey(Guid MigrationId, int Phase, GateKey Gate, int Round)
{
    private const char Separator = '.';

    /// <summary>The gate opening a vote through this key is bound to.</summary>
    public GateOpening Opening => new(Phase, Gate, Round);

    /// <summary>The key of <paramref name="opening"/> of migration <paramref name="migrationId"/>.</summary>
    public static ProposalKey Of(Guid migrationId, GateOpening opening)
    {
        ArgumentNullException.ThrowIfNull(opening);
        return new ProposalKey(migrationId, opening.Phase, opening.Gate, opening.Round);
    }

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
            || !GateKey.TryParse(parts[2], out var gate))
        {
            return false;
        }

        key = new ProposalKey(id, phase, gate, round);
        return true;
    }
}
