#!/usr/bin/env python3
"""The app behind nginx, for the trace tests: answers every request with what it received (the request
line and headers, as text), so a trace shows the X-Forwarded-For and X-Forwarded-Proto that reached the
app. `Server: glow-echo`. Each of COUNT servers binds a port of its own choosing on loopback; the ports
are written to PORT_FILE, comma-separated.

    scripts/loopback-echo-app.py PORT_FILE [COUNT]     # runs until killed
"""
import sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Echo(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "glow-echo"
    sys_version = ""

    def log_message(self, *args):
        pass

    def do_GET(self):
        lines = [f"{self.command} {self.path} (app on port {self.server.server_address[1]})"]
        lines += [f"{name}: {value}" for name, value in self.headers.items()]
        body = ("\n".join(lines) + "\n").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_HEAD = do_GET


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    servers = [ThreadingHTTPServer(("127.0.0.1", 0), Echo) for _ in range(int(sys.argv[2]) if len(sys.argv) == 3 else 1)]
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write(",".join(str(s.server_address[1]) for s in servers))
    import os
    os.replace(sys.argv[1] + ".tmp", sys.argv[1])
    for server in servers[1:]:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    servers[0].serve_forever()
