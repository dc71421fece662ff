namespace OvmSelfHost.Configuration;

/// <summary><c>Users</c>: the people the bot knows, with their roles and chat identities.</summary>
public sealed class UsersOptions : List<UserOptions>
{
    public const string SectionName = "Users";
}
