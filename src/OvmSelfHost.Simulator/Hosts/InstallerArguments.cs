namespace OvmSelfHost.Simulator.Hosts;

/// <summary>The parsed options of <c>runInstaller.sh</c> (reference 9.2): <c>--uuid=X</c>, <c>--uuid X</c>, <c>-u X</c>, …</summary>
internal sealed record InstallerArguments(string? Uuid, string? InstallType, bool AssumeYes, bool NoPrereq)
{
    public static InstallerArguments Parse(IReadOnlyList<string> args)
    {
        string? uuid = null, installType = null;
        bool yes = false, noPrereq = false;
        for (var i = 0; i < args.Count; i++)
        {
            var (key, value) = Split(args[i]);
            var next = value ?? (i + 1 < args.Count && !args[i + 1].StartsWith('-') ? args[i + 1] : null);
            switch (key)
            {
                case "--uuid" or "-u":
                    uuid = next ?? "";
                    i += value is null && next is not null ? 1 : 0;
                    break;
                case "--installtype" or "-i":
                    installType = next ?? "";
                    i += value is null && next is not null ? 1 : 0;
                    break;
                case "--assumeyes" or "-y":
                    yes = true;
                    break;
                case "--noprereq" or "-n":
                    noPrereq = true;
                    break;
            }
        }
        return new InstallerArguments(uuid, installType, yes, noPrereq);
    }

    private static (string Key, string? Value) Split(string arg)
    {
        var eq = arg.IndexOf('=');
        return eq < 0 ? (arg, null) : (arg[..eq], arg[(eq + 1)..]);
    }
}
