namespace OvmSelfHost.Configuration;

/// <summary>One entry of <c>Users</c>.</summary>
public sealed class UserOptions
{
    public string Name { get; set; } = "";
    public List<string> Roles { get; set; } = [];
    public string? SlackUserId { get; set; }
    public string? TeamsObjectId { get; set; }
}
