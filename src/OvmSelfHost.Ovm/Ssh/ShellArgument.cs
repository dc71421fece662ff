namespace OvmSelfHost.Ovm.Ssh;

/// <summary>Quotes a value for a POSIX shell command line.</summary>
internal static class ShellArgument
{
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
