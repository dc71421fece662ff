using OvmSelfHost.Configuration;
using OvmSelfHost.Ovm.Configuration;

namespace OvmSelfHost.Tests.Migrations;

/// <summary>
/// Manager hosts reached over the real loopback sshd that scripts/start-sshd.sh starts. Each host is a
/// folder (its file-system root) whose <c>service</c> and <c>runInstaller.sh</c> drive the simulator's
/// host through its control API, so the SSH adapter runs real commands against a real server.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class SshHostTrees : IDisposable
{
    private readonly string top = Path.Combine(Path.GetTempPath(), $"ovm-hosts-{Guid.NewGuid():N}");
    private readonly IReadOnlyDictionary<string, string> sshd;

    public SshHostTrees()
    {
        var root = RepositorySettings.FindRoot(AppContext.BaseDirectory)!;
        var env = Path.Combine(root, "test-artifacts", "sshd", "env");
        if (!File.Exists(env))
        {
            throw new InvalidOperationException($"sshd is not started: run scripts/start-sshd.sh (or scripts/test.sh). Missing {env}.");
        }

        sshd = File.ReadAllLines(env).Where(l => l.Contains('=')).ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);
    }

    /// <summary>Lays out a host and returns how the SSH adapter reaches it.</summary>
    /// <param name="installUuidOverride">A broken installer that installs this UUID whatever it is given.</param>
    public async Task<ManagerHostOptions> HostAsync(Uri controlUrl, string host, string? installUuidOverride = null)
    {
        var root = Path.Combine(top, host);
        foreach (var dir in new[] { "etc", "proc", "bin", "tmp", "var", "usr", "u01/app/oracle/ovm-manager-3" })
        {
            Directory.CreateDirectory(Path.Combine(root, dir));
        }

        await File.WriteAllTextAsync(Path.Combine(root, "etc/oracle-release"), "Oracle Linux Server release 7.9\n");
        await File.WriteAllTextAsync(Path.Combine(root, "proc/meminfo"), "MemTotal:        8009488 kB\nSwapTotal:       4194300 kB\n");
        var control = controlUrl.ToString().TrimEnd('/');
        await WriteScriptAsync(root, "bin/service", ServiceScript(control, host));
        await WriteScriptAsync(root, "bin/runInstaller.sh", InstallerScript(control, host, root, installUuidOverride));
        await FetchConfigAsync(control, host, root);
        return new ManagerHostOptions
        {
            Ssh = new SshHostOptions
            {
                Address = sshd["OVM_SSHD_HOST"],
                Port = int.Parse(sshd["OVM_SSHD_PORT"], System.Globalization.CultureInfo.InvariantCulture),
                Username = sshd["OVM_SSHD_USER"],
                PrivateKeyPath = sshd["OVM_SSHD_CLIENT_KEY"],
                HostKey = sshd["OVM_SSHD_HOST_KEY"],
                InstallerCommand = Path.Combine(root, "bin/runInstaller.sh"),
                ServiceCommand = Path.Combine(root, "bin/service"),
                FileSystemRoot = root,
            },
        };
    }

    public void Dispose()
    {
        if (Directory.Exists(top))
        {
            Directory.Delete(top, recursive: true);
        }
    }

    private static async Task FetchConfigAsync(string control, string host, string root)
    {
        using var http = new HttpClient();
        var response = await http.GetAsync($"{control}/sim/hosts/{host}/files?path=/u01/app/oracle/ovm-manager-3/.config");
        if (response.IsSuccessStatusCode)
        {
            await File.WriteAllTextAsync(Path.Combine(root, "u01/app/oracle/ovm-manager-3/.config"), await response.Content.ReadAsStringAsync());
        }
    }

    private static async Task WriteScriptAsync(string root, string path, string text)
    {
        var file = Path.Combine(root, path);
        await File.WriteAllTextAsync(file, text.Replace("\r\n", "\n", StringComparison.Ordinal));
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
    }

    private static string ServiceScript(string control, string host) => $$"""
        #!/usr/bin/env bash
        # `service <name> start|stop|status` for simulated host {{host}} (LSB codes: status 0 running, 3 stopped).
        base="{{control}}/sim/hosts/{{host}}/services/$1"
        case "$2" in
          start|stop) curl -fsS -X POST "$base/$2" >/dev/null || exit 1; echo "$1: $2 OK";;
          status) body="$(curl -fsS "$base")" || exit 4
                  case "$body" in *'"state":"running"'*) echo "$1 is running"; exit 0;; *) echo "$1 is stopped"; exit 3;; esac;;
          *) echo "Usage: service $1 {start|stop|status}" >&2; exit 2;;
        esac
        """;

    private static string InstallerScript(string control, string host, string root, string? uuidOverride) => $$"""
        #!/usr/bin/env bash
        # runInstaller.sh for simulated host {{host}}: runs the simulator's installer, relays its lines,
        # and on success leaves the installed .config where a real installer would.
        base="{{control}}/sim/hosts/{{host}}/installer"
        args=()
        for a in "$@"; do
          case "$a" in --uuid=*) {{(uuidOverride is null ? "args+=(\"$a\")" : $"args+=(\"--uuid={uuidOverride}\")")}};; *) args+=("$a");; esac
        done
        json="$(printf '"%s",' "${args[@]}")"
        id="$(curl -fsS -X POST -H 'Content-Type: application/json' -d "{\"args\":[${json%,}]}" "$base" | sed -n 's/.*"installId":"\([^"]*\)".*/\1/p')"
        [[ -n "$id" ]] || { echo "ERROR: the installer did not start" >&2; exit 1; }
        shown=0
        while :; do
          body="$(curl -fsS "$base/$id")" || exit 1
          lines="$(printf '%s' "$body" | sed -n 's/.*"lines":\[\(.*\)\].*/\1/p' | sed 's/","/\n/g; s/^"//; s/"$//')"
          count="$(printf '%s\n' "$lines" | grep -c . || true)"
          if (( count > shown )); then printf '%s\n' "$lines" | tail -n +"$((shown + 1))"; shown=$count; fi
          case "$body" in *'"state":"running"'*) sleep 0.2;; *) break;; esac
        done
        code="$(printf '%s' "$body" | sed -n 's/.*"exitCode":\([0-9]*\).*/\1/p')"
        if [[ "${code:-1}" == 0 ]]; then
          curl -fsS "{{control}}/sim/hosts/{{host}}/files?path=/u01/app/oracle/ovm-manager-3/.config" > "{{root}}/u01/app/oracle/ovm-manager-3/.config"
        fi
        exit "${code:-1}"
        """;
}
