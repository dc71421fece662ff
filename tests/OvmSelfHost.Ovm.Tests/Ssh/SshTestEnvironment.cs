using Microsoft.Extensions.Logging.Abstractions;
using OvmSelfHost.Ovm.Configuration;
using OvmSelfHost.Ovm.Ssh;

namespace OvmSelfHost.Ovm.Tests.Ssh;

/// <summary>
/// The loopback sshd started by <c>scripts/start-sshd.sh</c>, read from the env file it writes
/// (<c>test-artifacts/sshd/env</c>, or the path in <c>OVM_SSHD_ENV</c>).
/// </summary>
internal sealed class SshTestEnvironment
{
    private static readonly Lazy<SshTestEnvironment?> Loaded = new(Load);

    private readonly IReadOnlyDictionary<string, string> _values;

    private SshTestEnvironment(IReadOnlyDictionary<string, string> values) => _values = values;

    public static SshTestEnvironment? Current => Loaded.Value;

    public static SshTestEnvironment Required =>
        Current ?? throw new InvalidOperationException("sshd env file missing; run scripts/start-sshd.sh");

    public string this[string key] => _values[key];

    public string Root => this["OVM_SSHD_ROOT"];

    public SshHostOptions Options(Action<SshHostOptions>? change = null)
    {
        var options = new SshHostOptions
        {
            Address = this["OVM_SSHD_HOST"],
            Port = int.Parse(this["OVM_SSHD_PORT"]),
            Username = this["OVM_SSHD_USER"],
            PrivateKeyPath = this["OVM_SSHD_CLIENT_KEY"],
            HostKey = this["OVM_SSHD_HOST_KEY"],
            InstallerCommand = Path.Combine(Root, "bin/runInstaller.sh"),
            ServiceCommand = Path.Combine(Root, "bin/service"),
            FileSystemRoot = Root,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        change?.Invoke(options);
        return options;
    }

    /// <summary>Whether something accepts connections on the sshd's address and port now.</summary>
    public bool Listening()
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            return client.ConnectAsync(this["OVM_SSHD_HOST"], int.Parse(this["OVM_SSHD_PORT"])).Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            return false;
        }
    }

    public SshManagerHost Host(Action<SshHostOptions>? change = null) =>
        new(Options(change), NullLogger<SshManagerHost>.Instance);

    public static string? EnvFilePath()
    {
        var configured = Environment.GetEnvironmentVariable("OVM_SSHD_ENV");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "test-artifacts", "sshd", "env");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static SshTestEnvironment? Load()
    {
        var path = EnvFilePath();
        if (path is null)
        {
            return null;
        }

        var values = File.ReadAllLines(path)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1]);
        return new SshTestEnvironment(values);
    }
}
