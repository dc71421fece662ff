namespace OvmSelfHost.Web;

/// <summary>A configured person as the console's user picker shows them: no channel ids, no secrets.</summary>
internal sealed record PersonView(string Name, IReadOnlyList<string> Roles);
