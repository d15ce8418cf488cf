#!/usr/bin/env python3
"""An EC2 endpoint on loopback that misbehaves the way AWS does, for the client's retry and pagination
tests (moto answers glowcorp's reads at once and in one page, so it shows neither).

    scripts/loopback-aws-faults.py PORT_FILE MODE

MODE `throttle-2`: each DescribeVpcs page is refused twice (HTTP 503, RequestLimitExceeded, as EC2 sends
it) and then answered; there are two pages, chained by nextToken. MODE `throttle-always`: every request
is refused. MODE `server-error-1`: the first request of each page gets HTTP 500 InternalError. MODE
`echo-credentials`: every request is refused (HTTP 400) with a message that echoes its Authorization and
X-Amz-Security-Token headers, as a badly written proxy or endpoint would. MODE `endless-body`: HTTP 200 with
a 2 GB body, streamed; MODE `endless-headers`: HTTP 200 and header lines without end.
GET /log returns what was received, as JSON lines (time, action, nextToken, answer), for the test to judge.
The bound port is written to PORT_FILE; the server runs until killed.
"""
import json, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

PAGES = {
    None: ("vpc-11111111", "10.0.0.0/16", "page-2"),
    "page-2": ("vpc-22222222", "10.1.0.0/16", None),
}
ERROR = """<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>r-{n}</RequestID></Response>"""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, kind="text/xml"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with self.server.lock:
            self.reply(200, "".join(json.dumps(e) + "\n" for e in self.server.log), "application/x-ndjson")

    def do_POST(self):
        form = parse_qs(self.rfile.read(int(self.headers.get("Content-Length", 0))).decode())
        action = form.get("Action", [""])[0]
        token = form.get("NextToken", [None])[0]
        mode = self.server.mode
        if mode in ("endless-body", "endless-headers"):
            # A server that never stops sending: a 2 GB body announced and streamed, or header lines without end.
            self.server.log.append({"time": time.monotonic(), "action": action, "nextToken": token, "answer": mode})
            self.send_response(200)
            self.send_header("Content-Type", "text/xml")
            try:
                if mode == "endless-headers":
                    for i in range(10_000_000):
                        self.send_header(f"X-Filler-{i}", "x" * 100)
                        if i % 1000 == 0:
                            self.flush_headers()
                else:
                    self.send_header("Content-Length", str(2 << 30))
                    self.end_headers()
                    chunk = b"<a>" + b"x" * 65530 + b"</a>"
                    for _ in range((2 << 30) // len(chunk)):
                        self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        with self.server.lock:
            seen = sum(1 for e in self.server.log if e["action"] == action and e["nextToken"] == token)
            n = len(self.server.log)
            if mode == "echo-credentials":
                echoed = f"Request was {self.headers.get('Authorization', '')} with token {self.headers.get('X-Amz-Security-Token', '')}"
                status, body, answer = 400, ERROR.format(code="UnsupportedOperation", message=echoed.replace("&", "&amp;").replace("<", "&lt;"), n=n), "echo"
            elif mode == "throttle-always" or (mode == "throttle-2" and seen < 2):
                status, body, answer = 503, ERROR.format(code="RequestLimitExceeded", message="Request limit exceeded.", n=n), "throttled"
            elif mode == "server-error-1" and seen < 1:
                status, body, answer = 500, ERROR.format(code="InternalError", message="An internal error has occurred", n=n), "500"
            elif action == "DescribeVpcs" and token in PAGES:
                vpc, cidr, following = PAGES[token]
                next_xml = f"<nextToken>{following}</nextToken>" if following else ""
                status, answer = 200, "page"
                body = (f'<?xml version="1.0" encoding="UTF-8"?><DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">'
                        f"<requestId>r-{n}</requestId><vpcSet><item><vpcId>{vpc}</vpcId><cidrBlock>{cidr}</cidrBlock>"
                        f"<isDefault>false</isDefault></item></vpcSet>{next_xml}</DescribeVpcsResponse>")
            else:
                status, body, answer = 400, ERROR.format(code="InvalidAction", message=f"{action} is not served here", n=n), "400"
            self.server.log.append({"time": time.monotonic(), "action": action, "nextToken": token, "answer": answer})
        self.reply(status, body)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.mode, server.log, server.lock = sys.argv[2], [], threading.Lock()
    with open(sys.argv[1], "w") as f:
        f.write(str(server.server_address[1]))
    server.serve_forever()
