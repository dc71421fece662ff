namespace OvmSelfHost.Configuration;

/// <summary>One entry of <c>Users</c>.</summary>
public sealed class UserOptions
{
    public string Name { get; set; } = "";
    public List<string> Roles { get; set; } = [];
    public string? SlackUserId { get; set; }
    public string? TeamsObjectId { get; set; }

    /// <summary>With sign-in configured: the value of <c>SignIn:LinkClaim</c> (e-mail, object id) that is this person.</summary>
    public string? SignIn { get; set; }
}
