#!/usr/bin/env python3
"""The practice environment's servers, started and stopped by `glow-onboard sandbox` (never by hand).

    sandbox_services.py moto STATE_DIR     the practice AWS account: moto_server on loopback
    sandbox_services.py app NAME STATE_DIR a stand-in for one of glowcorp's containers

**The account survives restarts.** moto keeps everything in memory. This server wraps moto's own WSGI
application and keeps a journal (STATE_DIR/journal.jsonl) of every request that changed the account
(anything but Describe*/List*/Get* and GETs), written and synced before the answer goes out. At start
it replays the journal into a fresh moto, in-process, before it serves. moto draws every id from one
random generator (mock_random), and every request draws from it (its request id), so a replay that
skipped the reads would hand out other ids: instead the generator is seeded before each change with
(the sandbox's seed, the change's number), and a change's ids depend on nothing else. Requests are
served one at a time, so no read can draw between a change's seed and its ids. `POST /moto-api/reset`
empties the journal too.

The port is the one used last time when it is free, else one the server binds itself; it is written to
STATE_DIR/moto.port (kept for next time) and STATE_DIR/moto.ready ("PID PORT CHANGES", removed by whoever
starts it) once the server listens. The credential parts of the Authorization header are kept
(moto reads the region and the service from them); its signature is not.

A stand-in app answers every request with its name and what it received (request line and headers),
`Server: NAME`, on a loopback port it binds itself (written to STATE_DIR/NAME.port).
"""
import base64, io, json, os, re, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

READ_PREFIXES = ("Describe", "List", "Get")


def write_atomically(path, text):
    tmp = Path(str(path) + ".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def action_of(environ, body):
    target = environ.get("HTTP_X_AMZ_TARGET")
    if target:
        return target.rsplit(".", 1)[-1]
    for source in (environ.get("QUERY_STRING", ""), body.decode("utf-8", "replace")
                   if "x-www-form-urlencoded" in environ.get("CONTENT_TYPE", "") else ""):
        action = parse_qs(source).get("Action")
        if action:
            return action[0]
    return None


def changes_the_account(environ, body):
    if environ.get("PATH_INFO", "").startswith("/moto-api"):
        return False
    action = action_of(environ, body)
    if action:
        return not action.startswith(READ_PREFIXES)
    return environ["REQUEST_METHOD"] not in ("GET", "HEAD")


def kept_headers(environ):
    headers = {}
    for key, value in environ.items():
        if key.startswith("HTTP_") and key not in ("HTTP_X_AMZ_SECURITY_TOKEN", "HTTP_CONTENT_LENGTH"):
            name = key[5:].replace("_", "-").title()
            if name == "Authorization":
                value = re.sub(r"Signature=[0-9a-f]+", "Signature=0", value)
            headers[name] = value
    if environ.get("CONTENT_TYPE"):
        headers["Content-Type"] = environ["CONTENT_TYPE"]
    return headers


class Journal:
    """The changes, in order, and the seed each one was made with."""

    def __init__(self, state):
        self.path = state / "journal.jsonl"
        seed_file = state / "seed"
        if not seed_file.exists():
            write_atomically(seed_file, str(int.from_bytes(os.urandom(4), "big")))
        self.seed = int(seed_file.read_text())
        self.count = 0

    def seed_for_next(self):
        from moto.moto_api._internal import mock_random
        mock_random.seed(self.seed * 1_000_003 + self.count)

    def append(self, entry):
        with open(self.path, "a") as f:
            f.write(json.dumps(entry) + "\n")
            f.flush()
            os.fsync(f.fileno())
        self.count += 1

    def entries(self):
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text().splitlines() if line.strip()]

    def clear(self):
        write_atomically(self.path, "")
        self.count = 0


class Recorder:
    """moto's application, one request at a time, with the journal kept."""

    def __init__(self, app, journal):
        self.app, self.journal, self.lock = app, journal, threading.Lock()

    def __call__(self, environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        with self.lock:
            change = changes_the_account(environ, body)
            if change:
                self.journal.seed_for_next()
            status = []

            def capture(s, headers, exc_info=None):
                status.append(int(s.split()[0]))
                return start_response(s, headers, exc_info)

            out = b"".join(self.app(environ, capture))
            if environ.get("PATH_INFO") == "/moto-api/reset" and environ["REQUEST_METHOD"] == "POST":
                self.journal.clear()
            elif change and status and status[0] < 400:
                self.journal.append({"method": environ["REQUEST_METHOD"], "path": environ.get("PATH_INFO", "/"),
                                     "query": environ.get("QUERY_STRING", ""), "headers": kept_headers(environ),
                                     "body": base64.b64encode(body).decode("ascii")})
        return [out]

    def replay(self):
        from werkzeug.test import EnvironBuilder
        replayed = 0
        for entry in self.journal.entries():
            self.journal.seed_for_next()
            builder = EnvironBuilder(method=entry["method"], path=entry["path"], query_string=entry["query"],
                                     headers=entry["headers"], data=base64.b64decode(entry["body"]),
                                     base_url="http://127.0.0.1")
            environ = builder.get_environ()
            b"".join(self.app(environ, lambda *args: None))
            self.journal.count += 1
            replayed += 1
        return replayed


def moto(state):
    from werkzeug.serving import make_server
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    app = DomainDispatcherApplication(create_backend_app)
    recorder = Recorder(app, Journal(state))
    replayed = recorder.replay()
    port_file = state / "moto.port"
    previous = int(port_file.read_text()) if port_file.exists() and port_file.read_text().strip().isdigit() else 0
    try:
        server = make_server("127.0.0.1", previous, recorder, threaded=False)
    except OSError:
        server = make_server("127.0.0.1", 0, recorder, threaded=False)
    write_atomically(port_file, str(server.server_port))
    write_atomically(state / "moto.ready", f"{os.getpid()} {server.server_port} {replayed}")
    print(f"moto sandbox on 127.0.0.1:{server.server_port}, {replayed} change(s) replayed", flush=True)
    server.serve_forever()


def app(name, state):
    class Answer(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = name
        sys_version = ""

        def log_message(self, *args):
            pass

        def do_GET(self):
            lines = [f"{name}: {self.command} {self.path}"] + [f"{k}: {v}" for k, v in self.headers.items()]
            body = ("\n".join(lines) + "\n").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_HEAD = do_POST = do_PUT = do_DELETE = do_GET

    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    write_atomically(state / f"{name}.port", str(server.server_address[1]))
    server.serve_forever()


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "moto":
        moto(Path(args[1]))
    elif len(args) == 3 and args[0] == "app":
        app(args[1], Path(args[2]))
    else:
        sys.exit(__doc__)
