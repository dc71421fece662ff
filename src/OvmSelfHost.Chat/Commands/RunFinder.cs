using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Chat.Commands;

/// <summary>Finds a run by its id or a unique prefix of at least four characters.</summary>
public sealed class RunFinder(MigrationEngine engine)
{
    public async Task<(MigrationRun? Run, string? Error)> FindAsync(string idOrPrefix, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(idOrPrefix, out var id))
        {
            var run = await engine.FindAsync(id, cancellationToken);
            return run is null ? (null, $"No migration {idOrPrefix}. See /ovm status.") : (run, null);
        }

        var prefix = idOrPrefix.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        if (prefix.Length < 4 || !prefix.All(Uri.IsHexDigit))
        {
            return (null, $"'{idOrPrefix}' is not a migration id. Use the id (or its first 8 characters) from /ovm status.");
        }

        var matches = (await engine.ListAsync(cancellationToken)).Where(r => r.Id.ToString("N").StartsWith(prefix, StringComparison.Ordinal)).ToList();
        return matches.Count switch
        {
            1 => (matches[0], null),
            0 => (null, $"No migration starts with {idOrPrefix}. See /ovm status."),
            _ => (null, $"{idOrPrefix} matches {matches.Count} migrations; give more characters."),
        };
    }
}
