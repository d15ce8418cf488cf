#!/usr/bin/env python3
"""A stand-in Docker Engine for the live-host tests: no Docker engine can run on the build machines, so
this answers the few Engine API requests the real `docker` CLI makes for `docker ps` and
`docker inspect`, on a unix socket, with glowcorp's two containers (Fixtures/host/docker-ps.jsonl turned
back into the API's form). The output the tests read is what the real docker CLI prints from it.

    scripts/loopback-docker.py start DIR [--variant exited]   # prints DOCKER_HOST (unix://DIR/docker.sock)
    scripts/loopback-docker.py stop DIR

Only GET /_ping, /containers/json and /containers/{id}/json are answered; anything else is a 404 that
names the request, so a CLI asking for more is seen at once.
"""
import json, os, re, signal, socketserver, sys, time
from datetime import datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from loopback_common import main, stop_pid_file

ROOT = Path(__file__).resolve().parent.parent
API_VERSION = "1.43"


def containers(variant):
    result = []
    for line in (ROOT / "Fixtures/host/docker-ps.jsonl").read_text().splitlines():
        ps = json.loads(line)
        created = int(datetime.strptime(ps["CreatedAt"][:19], "%Y-%m-%d %H:%M:%S").timestamp())
        ports = []
        for item in filter(None, (p.strip() for p in ps["Ports"].split(","))):
            m = re.fullmatch(r"(?:(.+):(\d+)->)?(\d+)/(\w+)", item)
            ip, public, private, proto = m.groups()
            ports.append({"IP": ip, "PrivatePort": int(private), "PublicPort": int(public), "Type": proto} if public
                         else {"PrivatePort": int(private), "Type": proto})
        labels = dict(kv.split("=", 1) for kv in ps["Labels"].split(",") if kv)
        state, status = ps["State"], ps["Status"]
        if variant == "exited" and ps["Names"] == "glow-app":
            state, status, ports = "exited", "Exited (137) 2 hours ago", []
        command = ps["Command"].strip('"')
        result.append({
            "Id": ps["ID"], "Names": ["/" + ps["Names"]], "Image": ps["Image"], "ImageID": "sha256:" + ps["ID"][::-1],
            "Command": command, "Created": created, "Ports": ports, "Labels": labels, "State": state,
            "Status": status, "HostConfig": {"NetworkMode": "bridge"},
            "NetworkSettings": {"Networks": {"bridge": {"NetworkID": "0" * 64, "IPAddress": "172.17.0.2"}}},
            "Mounts": [],
        })
    return result


def inspect(c):
    bindings = {f"{p['PrivatePort']}/{p['Type']}": [{"HostIp": p["IP"], "HostPort": str(p["PublicPort"])}]
                for p in c["Ports"] if "PublicPort" in p}
    running = c["State"] == "running"
    created = datetime.utcfromtimestamp(c["Created"]).strftime("%Y-%m-%dT%H:%M:%S.000000000Z")
    return {
        "Id": c["Id"], "Created": created, "Path": c["Command"].split()[0], "Args": c["Command"].split()[1:],
        "State": {"Status": c["State"], "Running": running, "Paused": False, "Restarting": False, "OOMKilled": False,
                  "Dead": False, "Pid": 4242 if running else 0, "ExitCode": 0 if running else 137, "Error": "",
                  "StartedAt": created, "FinishedAt": "0001-01-01T00:00:00Z"},
        "Image": c["ImageID"], "Name": c["Names"][0], "RestartCount": 0,
        "HostConfig": {"NetworkMode": "bridge", "PortBindings": bindings, "RestartPolicy": {"Name": "unless-stopped", "MaximumRetryCount": 0}},
        "Config": {"Image": c["Image"], "Labels": c["Labels"], "Cmd": c["Command"].split()[1:],
                   "ExposedPorts": {f"{p['PrivatePort']}/{p['Type']}": {} for p in c["Ports"]}},
        "NetworkSettings": {"Ports": bindings if running else {}, "Networks": c["NetworkSettings"]["Networks"]},
        "Mounts": [],
    }


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "glow-test-docker"

    def log_message(self, *args):
        pass

    def address_string(self):
        return "unix"

    def send(self, status, body):
        data = json.dumps(body).encode() if not isinstance(body, bytes) else body
        self.send_response(status)
        self.send_header("Content-Type", "application/json" if not isinstance(body, bytes) else "text/plain")
        self.send_header("Api-Version", API_VERSION)
        self.send_header("Ostype", "linux")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        path = re.sub(r"^/v[\d.]+", "", self.path.split("?")[0])
        listed = containers(self.server.variant)
        if path == "/_ping":
            return self.send(200, b"OK")
        if path == "/containers/json":
            query = self.path.partition("?")[2]
            return self.send(200, [c for c in listed if "all=1" in query or c["State"] == "running"])
        m = re.fullmatch(r"/containers/([^/]+)/json", path)
        if m:
            for c in listed:
                if c["Id"].startswith(m.group(1)) or c["Names"][0] == "/" + m.group(1):
                    return self.send(200, inspect(c))
            return self.send(404, {"message": f"No such container: {m.group(1)}"})
        self.send(404, {"message": f"loopback-docker: {self.command} {self.path} is not answered"})


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


def serve(directory, variant):
    d = Path(directory)
    sock = d / "docker.sock"
    if sock.exists():
        sock.unlink()
    server = Server(str(sock), Handler)
    server.variant = variant
    (d / "docker.pid").write_text(str(os.getpid()))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server.serve_forever()


def start(directory, variant):
    d = Path(directory).resolve()
    d.mkdir(parents=True, exist_ok=True)
    if os.fork() == 0:
        os.setsid()
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        os.closerange(3, 1024)
        serve(d, variant)
        os._exit(0)
    for _ in range(100):
        if (d / "docker.sock").exists():
            break
        time.sleep(0.05)
    print(f"unix://{d}/docker.sock")


def stop(directory):
    stop_pid_file(Path(directory) / "docker.pid")


if __name__ == "__main__":
    main(__doc__, lambda d, *variant: start(d, variant[1] if variant[:1] == ("--variant",) else None), stop, {0, 2})
