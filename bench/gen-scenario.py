#!/usr/bin/env python3
"""Generates a simulator scenario (src/OvmSelfHost.Simulator/Scenarios format) for the scale benchmark.

  bench/gen-scenario.py OUT.json [--pairs N] [--vms 5000] [--repos 200] [--servers 64] [--port-base 7000]

Environments come in pairs (A/B for one pair; E000/E001, E002/E003, ... for more): each has a manager, a
planned manager VM hosted by its partner, `servers` servers in one clustered pool, one NFS filer with one export
per repository, `repos` repositories presented to every server, and `vms` VMs spread over the repositories
(the first repository also holds the manager template and the installer ISO, as in the default scenario).
Writes the matching host configuration (Environments:<Name>:...) as OUT.env, one KEY=VALUE per line.
"""
import argparse
import json

p = argparse.ArgumentParser()
p.add_argument("out")
p.add_argument("--pairs", type=int, default=1)
p.add_argument("--vms", type=int, default=5000)
p.add_argument("--repos", type=int, default=200)
p.add_argument("--servers", type=int, default=64)
p.add_argument("--port-base", type=int, default=7000)
p.add_argument("--control-url", default=None, help="simulator control API: also write Ovm:Environments (Adapter Real, addresses from /sim/managers)")
a = p.parse_args()

FACTS = {"osRelease": "Oracle Linux Server release 7.9", "architecture": "x86_64", "memoryMb": 16384, "cpus": 4, "swapMb": 8192,
         "freeMb": {"/u01": 81920, "/tmp": 10240, "/var": 10240, "/usr": 8192}}
names = ["A", "B"] if a.pairs == 1 else [f"E{i:03d}" for i in range(2 * a.pairs)]
scenario = {"name": f"scale-{a.pairs}x{a.vms}", "user": "admin", "password": "Welcome1", "managers": [], "hosts": [], "plannedManagerVms": [], "environments": []}
env_lines = []
port = a.port_base + 1
for index, env in enumerate(names):
    partner = names[index ^ 1]
    low = env.lower()
    mgr = f"ovmm-{low}"
    scenario["managers"].append({"name": mgr, "host": mgr, "uuid": f"0004fb0000010000{index + 1:016x}", "environment": env,
                                 "httpsPort": port + 1, "httpPort": port})
    port += 2
    scenario["hosts"].append({"name": mgr, "environment": env, "facts": FACTS})
    net_hi, net_lo = 10 + index // 250, index % 250
    servers = [{"name": f"ovs-{low}-{s:03d}", "ip": f"10.{net_hi}.{net_lo}.{10 + s}"} for s in range(a.servers)]
    server_names = [s["name"] for s in servers]
    repos = []
    per_repo = [a.vms // a.repos + (1 if r < a.vms % a.repos else 0) for r in range(a.repos)]
    vm_no = 0
    for r in range(a.repos):
        vms = []
        if r == 0:
            vms.append({"name": "OL7U9-ovmm-template", "template": True, "memoryMb": 8192, "cpus": 2,
                        "disks": [{"name": "OL7U9-ovmm-template-system.img", "sizeGb": 50}]})
        for _ in range(per_repo[r]):
            name = f"app-{low}-{vm_no:05d}"
            vms.append({"name": name, "runningOn": server_names[vm_no % len(server_names)], "ha": vm_no % 3 == 0,
                        "memoryMb": 2048, "cpus": 1, "disks": [{"name": f"{name}-system.img", "sizeGb": 20}]})
            vm_no += 1
        repos.append({"name": f"repo-{low}" if r == 0 else f"repo-{low}-{r:03d}", "export": f"/export/{low}/repo{r:03d}",
                      "presentedTo": server_names,
                      "isos": [{"name": "OracleVM-Manager-3.4.6-installer.iso", "sizeGb": 2.1}] if r == 0 else [],
                      "vms": vms})
    scenario["environments"].append({
        "name": env, "manager": mgr,
        "network": {"id": f"0a{net_hi:02x}{net_lo:02x}00", "name": f"10.{net_hi}.{net_lo}.0"},
        "servers": servers,
        "fileServer": {"name": f"nfs-{low}", "accessHost": f"10.{net_hi}.{net_lo}.5",
                       "exports": [f"/export/{low}/pool"] + [r["export"] for r in repos]},
        "pool": {"name": f"pool-{low}", "clustered": True, "heartbeatExport": f"/export/{low}/pool", "servers": server_names, "virtualIp": None},
        "repositories": repos,
    })
    env_lines += [f"Environments__{env}__HostingPool=pool-{low}", f"Environments__{env}__HostingRepository=repo-{low}",
                  f"Environments__{env}__ReplacementVm__Name=ovmm-{low}-vm", f"Environments__{env}__ReplacementVm__Template=OL7U9-ovmm-template",
                  f"Environments__{env}__ReplacementVm__InstallerIso=OracleVM-Manager-3.4.6-installer.iso",
                  f"Environments__{env}__ReplacementVm__MemoryMegabytes=8192", f"Environments__{env}__ReplacementVm__Cpus=2",
                  f"Environments__{env}__ReplacementVm__DiskGigabytes=60", f"Environments__{env}__SeparateDatabase=false"]
if a.control_url:
    env_lines += ["Ovm__Adapter=Real", "Ovm__Secrets__OVS_AGENT_PASSWORD=Welcome1"]
    for env in names:
        for role, name in (("OriginalManager", f"ovmm-{env.lower()}"), ("ReplacementManager", f"ovmm-{env.lower()}-vm")):
            prefix = f"Ovm__Environments__{env}__{role}__"
            env_lines += [prefix + "Simulated__ControlUrl=" + a.control_url, prefix + "Simulated__ManagerName=" + name,
                          prefix + "Username=admin", prefix + "Password=Welcome1", prefix + "TrustSimulatorCertificate=true"]
        for role, name in (("OriginalManager", f"ovmm-{env.lower()}"), ("ReplacementVm", f"ovmm-{env.lower()}-vm")):
            prefix = f"Ovm__Environments__{env}__Hosts__{role}__Simulated__"
            env_lines += [prefix + "ControlUrl=" + a.control_url, prefix + "HostName=" + name]
for index, env in enumerate(names):
    partner = names[index ^ 1]
    scenario["plannedManagerVms"].append({"host": f"ovmm-{env.lower()}-vm", "hostedIn": partner, "takesOver": env, "httpsPort": port + 1, "httpPort": port})
    port += 2
with open(a.out, "w") as f:
    json.dump(scenario, f)
with open(a.out + ".env", "w") as f:
    f.write("\n".join(env_lines) + "\n")
print(f"{a.out}: {len(names)} environments, {a.servers} servers, {a.repos} repositories, {a.vms} VMs each; ports {a.port_base + 1}..{port - 1}")
