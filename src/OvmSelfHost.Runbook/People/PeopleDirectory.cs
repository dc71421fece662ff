namespace OvmSelfHost.Runbook.People;

/// <summary>The configured people, found by name or by a channel identity.</summary>
public sealed class PeopleDirectory(IEnumerable<Person> people)
{
    private readonly IReadOnlyList<Person> all = people.ToList();

    public IReadOnlyList<Person> All => all;

    public Person? ByName(string? name) =>
        all.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public Person? BySlackUserId(string? id) =>
        id is null ? null : all.FirstOrDefault(p => p.SlackUserId == id);

    public Person? ByTeamsObjectId(string? id) =>
        id is null ? null : all.FirstOrDefault(p => string.Equals(p.TeamsObjectId, id, StringComparison.OrdinalIgnoreCase));

    public Person? BySignIn(string? value) =>
        value is null ? null : all.FirstOrDefault(p => string.Equals(p.SignIn, value, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<Person> Approvers => all.Where(p => p.Is(PersonRole.Approver));
}
