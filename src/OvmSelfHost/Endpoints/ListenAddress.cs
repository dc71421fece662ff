namespace OvmSelfHost.Endpoints;

/// <summary>An address the server listens on, as Kestrel lists it: <c>*</c> and <c>+</c> (any address) read as 0.0.0.0.</summary>
internal static class ListenAddress
{
    public static Uri Parse(string address) =>
        new(address.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
}
