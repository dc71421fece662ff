namespace OvmSelfHost.Tests.Hostile;

/// <summary>One request of the hostile-input test: where, how, and what it carries.</summary>
/// <param name="Endpoint">The route pattern it was generated for, for the counts.</param>
internal sealed record HostilePayload(string Endpoint, string Method, string Path, string? ContentType, byte[] Body, string Kind);
