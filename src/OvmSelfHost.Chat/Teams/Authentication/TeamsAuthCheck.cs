namespace OvmSelfHost.Chat.Teams.Authentication;

/// <summary>The outcome of authenticating a request to /api/messages; anything but <see cref="Valid"/> is a 401.</summary>
public enum TeamsAuthCheck
{
    Valid,
    MissingHeader,
    NotBearer,
    MetadataUnavailable,
    InvalidSignature,
    InvalidIssuer,
    InvalidAudience,
    Expired,
    InvalidToken,
    UnendorsedChannel,
    ServiceUrlMismatch,
}
