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
served one at a time, so no read can draw between a change's seed and its ids. A backend draws ids when
it is made (EC2's default VPC): the course's backends are made before anything is seeded, on every
start, so that does not depend on which request came first. `POST /moto-api/reset` empties the journal
too. A change that fails when replayed (it should not) is counted, and `sandbox start` says so.

The port is the one used last time when it is free, else one the server binds itself; it is written to
STATE_DIR/moto.port (kept for next time) and STATE_DIR/moto.ready ("PID PORT CHANGES FAILED", removed by whoever
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
                # moto dropped every backend: make them again before anything is seeded, as at start.
                self.journal.clear()
                warm(self.app)
            elif change and status and status[0] < 400:
                self.journal.append({"method": environ["REQUEST_METHOD"], "path": environ.get("PATH_INFO", "/"),
                                     "query": environ.get("QUERY_STRING", ""), "headers": kept_headers(environ),
                                     "body": base64.b64encode(body).decode("ascii")})
        return [out]

    def replay(self):
        from werkzeug.test import EnvironBuilder
        replayed, failed = 0, 0
        for entry in self.journal.entries():
            self.journal.seed_for_next()
            builder = EnvironBuilder(method=entry["method"], path=entry["path"], query_string=entry["query"],
                                     headers=entry["headers"], data=base64.b64decode(entry["body"]),
                                     base_url="http://127.0.0.1")
            status = []
            b"".join(self.app(builder.get_environ(), lambda s, h, e=None: status.append(int(s.split()[0]))))
            self.journal.count += 1
            replayed += 1
            if status and status[0] >= 400:
                failed += 1
                print(f"replay: change {replayed} ({entry['method']} {entry['path']}) answered {status[0]}", flush=True)
        return replayed, failed


# The course works in one region. A service's first request makes its backend and its application and
# draws ids doing so; one read of each is made before anything is seeded (see above), at every start and
# after a reset, so no change's ids depend on which request came first.
WARM = [
    ("ec2", "ap-northeast-2", "POST", "/", {"Content-Type": "application/x-www-form-urlencoded"}, b"Action=DescribeVpcs&Version=2016-11-15"),
    ("elasticloadbalancing", "ap-northeast-2", "POST", "/", {"Content-Type": "application/x-www-form-urlencoded"},
     b"Action=DescribeLoadBalancers&Version=2015-12-01"),
    ("acm", "ap-northeast-2", "POST", "/", {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "CertificateManager.ListCertificates"}, b"{}"),
    ("route53", "us-east-1", "GET", "/2013-04-01/hostedzone", {}, b""),
    ("sts", "us-east-1", "POST", "/", {"Content-Type": "application/x-www-form-urlencoded"}, b"Action=GetCallerIdentity&Version=2011-06-15"),
]


def warm(app):
    from werkzeug.test import EnvironBuilder
    for service, region, method, path, headers, body in WARM:
        credential = f"AWS4-HMAC-SHA256 Credential=warm/20260101/{region}/{service}/aws4_request, SignedHeaders=host, Signature=0"
        environ = EnvironBuilder(method=method, path=path, headers={**headers, "Authorization": credential}, data=body,
                                 base_url="http://127.0.0.1").get_environ()
        b"".join(app(environ, lambda *args: None))


def course_amis(state):
    """The region's Amazon Linux images only (moto's own list for ap-northeast-2): loading moto's whole
    catalogue of images takes most of a second at every start, and the course launches Amazon Linux."""
    path = state / "amis.json"
    if not path.exists():
        import gzip, moto as package
        resource = Path(package.__file__).parent / "ec2/resources/latest_amis/ap-northeast-2.json.gz"
        with gzip.open(resource, "rt", encoding="utf-8") as f:
            images = json.load(f)
        write_atomically(path, json.dumps(images))
    os.environ["MOTO_AMIS_PATH"] = str(path)


def plain_json_models():
    """botocore reads its service models into OrderedDicts, which makes EC2's model alone take a second
    to load at every start; plain dicts keep the order too, and the C decoder makes them far faster."""
    import botocore.loaders as loaders
    try:
        import orjson  # three times faster again where it is installed (scripts/start.sh installs it)
        decode = orjson.loads
    except ImportError:
        decode = json.loads

    def load_file(self, full_path, open_method):
        if not os.path.isfile(full_path):
            return None
        with open_method(full_path, "rb") as fp:
            return decode(fp.read())

    loaders.JSONFileLoader._load_file = load_file


def one_model_loader():
    """moto makes a new botocore Session wherever it asks which regions a service has (five at start,
    three of them for EC2 alone), and each Session's loader reads the service's model (EC2's is megabytes)
    and the endpoint list again. Every Session in this process shares one loader here, so that each file is
    read once, as within one Session."""
    import botocore.session as sessions
    from botocore.loaders import create_loader
    loaders_by_path = {}

    def _register_data_loader(self):
        def shared():
            data_path = self.get_config_variable("data_path")
            if data_path not in loaders_by_path:
                loaders_by_path[data_path] = create_loader(data_path)
            return loaders_by_path[data_path]
        self._components.lazy_register_component("data_loader", shared)

    sessions.Session._register_data_loader = _register_data_loader


def moto(state):
    course_amis(state)
    plain_json_models()
    one_model_loader()
    from werkzeug.serving import make_server
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    app = DomainDispatcherApplication(create_backend_app)
    warm(app)
    recorder = Recorder(app, Journal(state))
    replayed, failed = recorder.replay()
    port_file = state / "moto.port"
    previous = int(port_file.read_text()) if port_file.exists() and port_file.read_text().strip().isdigit() else 0
    try:
        server = make_server("127.0.0.1", previous, recorder, threaded=False)
    except (OSError, SystemExit):  # werkzeug exits, rather than raises, when the port is taken
        server = make_server("127.0.0.1", 0, recorder, threaded=False)
    write_atomically(port_file, str(server.server_port))
    write_atomically(state / "moto.ready", f"{os.getpid()} {server.server_port} {replayed} {failed}")
    print(f"moto sandbox on 127.0.0.1:{server.server_port}, {replayed} change(s) replayed, {failed} failed", flush=True)
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
