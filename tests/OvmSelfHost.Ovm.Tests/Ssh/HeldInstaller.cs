namespace OvmSelfHost.Ovm.Tests.Ssh;

/// <summary>
/// An installer script that prints "started" and then runs until the test releases it (or a minute passes,
/// when it exits 1), so tests about "while it runs" do not depend on how fast a loaded machine is.
/// </summary>
internal sealed class HeldInstaller : IDisposable
{
    private readonly DirectoryInfo _folder;
    private readonly string _release;

    private HeldInstaller(DirectoryInfo folder)
    {
        _folder = folder;
        _release = Path.Combine(folder.FullName, "release");
        Command = $"bash {Path.Combine(folder.FullName, "runInstaller-held.sh")}";
    }

    public string Command { get; }

    public bool Released => File.Exists(_release);

    public static HeldInstaller Create()
    {
        var installer = new HeldInstaller(Directory.CreateTempSubdirectory("ovm-installer-"));
        File.WriteAllText(
            Path.Combine(installer._folder.FullName, "runInstaller-held.sh"),
            $"#!/usr/bin/env bash\necho started\nfor i in $(seq 600); do [[ -f '{installer._release}' ]] && echo released && exit 0; sleep 0.1; done\nexit 1\n");
        return installer;
    }

    public void Release() => File.WriteAllText(_release, "");

    public void Dispose() => _folder.Delete(recursive: true);
}
