using System.Diagnostics;

namespace OvmSelfHost.EndToEnd.Support;

/// <summary>POSIX signals .NET's Process does not offer (it kills only): stop and continue, for the fencing drill, sent with kill(1).</summary>
internal static class Signals
{
    public const string Stop = "STOP";

    public const string Continue = "CONT";

    /// <summary>Sends the signal and returns kill's exit code (0 when delivered).</summary>
    public static int Kill(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture) } })
                         ?? throw new InvalidOperationException("kill did not start.");
        kill.WaitForExit();
        return kill.ExitCode;
    }
}
