namespace OvmSelfHost.Chat.Slack.Signing;

/// <summary>The result of verifying a request's signature; anything but <see cref="Valid"/> is a 401.</summary>
public enum SignatureCheck
{
    Valid,
    MissingHeaders,
    BadTimestamp,
    StaleOrFutureTimestamp,
    UnknownVersion,
    Mismatch,
}
