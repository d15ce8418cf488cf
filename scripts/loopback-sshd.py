#!/usr/bin/env python3
"""Runs Debian's sshd on loopback for the live-host tests, with its own keys: nothing of this machine's
ssh setup is read or changed. DIR gets a host key, a client key allowed to log in as the current user,
and an ssh client configuration (`ssh -F DIR/ssh_config`) that reaches it as host `glow-test-host`
with the host key pinned. DOCKER_HOST is passed through (SetEnv/AcceptEnv) so `docker` over ssh reaches
the same stand-in engine as locally.

    scripts/loopback-sshd.py start DIR   # prints DIR/ssh_config (sshd binds an unused loopback port)
    scripts/loopback-sshd.py stop DIR
"""
import getpass, os, shutil, socket, subprocess, sys, time
from pathlib import Path

from loopback_common import PortTaken, main, on_unused_ports, stop_pid_file


def sshd_binary():
    for candidate in ("/usr/sbin/sshd", shutil.which("sshd") or ""):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    sys.exit("loopback-sshd: sshd is not installed (apt: openssh-server)")


def start(directory):
    on_unused_ports(1, lambda ports: run(Path(directory).resolve(), ports[0]))
    print(Path(directory).resolve() / "ssh_config")


def run(d, port):
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    os.chmod(d, 0o700)
    for name in ("host_key", "client_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", f"glow-test-{name}", "-f", str(d / name)], check=True)
    shutil.copy(d / "client_key.pub", d / "authorized_keys")
    (d / "sshd_config").write_text(f"""\
ListenAddress 127.0.0.1
Port {port}
HostKey {d}/host_key
PidFile {d}/sshd.pid
AuthorizedKeysFile {d}/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
AcceptEnv DOCKER_HOST
LogLevel ERROR
""")
    host_pub = (d / "host_key.pub").read_text().split()
    (d / "known_hosts").write_text(f"[127.0.0.1]:{port} {host_pub[0]} {host_pub[1]}\n")
    env_line = f"    SetEnv DOCKER_HOST={os.environ['DOCKER_HOST']}\n" if os.environ.get("DOCKER_HOST") else ""
    (d / "ssh_config").write_text(f"""\
Host glow-test-host
    HostName 127.0.0.1
    Port {port}
    User {getpass.getuser()}
    IdentityFile {d}/client_key
    IdentitiesOnly yes
    UserKnownHostsFile {d}/known_hosts
    StrictHostKeyChecking yes
    LogLevel ERROR
{env_line}""")
    # sshd run as root wants its privilege separation directory (the Debian service creates it at boot).
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
    started = subprocess.run([sshd_binary(), "-f", str(d / "sshd_config"), "-E", str(d / "sshd.log")])
    log = (d / "sshd.log").read_text() if (d / "sshd.log").exists() else ""
    if started.returncode != 0:
        if "Address already in use" in log:
            raise PortTaken()
        raise SystemExit(f"loopback-sshd: sshd did not start: {log.strip()}")
    # The daemon binds after it forks: on a loaded machine that can take seconds, and a port another test
    # took meanwhile shows only in the log (then a new port is tried, as for a bind that failed at once).
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            log = (d / "sshd.log").read_text() if (d / "sshd.log").exists() else ""
            if "Address already in use" in log:
                raise PortTaken()
            time.sleep(0.05)
    log = (d / "sshd.log").read_text() if (d / "sshd.log").exists() else ""
    raise SystemExit(f"loopback-sshd: sshd does not answer on 127.0.0.1:{port}" + (f": {log.strip()[-400:]}" if log.strip() else ""))


def stop(directory):
    stop_pid_file(Path(directory) / "sshd.pid")


if __name__ == "__main__":
    main(__doc__, start, stop, {0})
