namespace OvmSelfHost.EndToEnd.Support;

/// <summary>Where the end-to-end tests leave what a person may want to look at: host logs and screenshots.</summary>
public static class Artifacts
{
    public static string Folder { get; } = Path.Combine(HostProcess.RepositoryRoot, "test-artifacts");

    public static string Screenshots { get; } = Path.Combine(Folder, "screenshots");
}
