#!/usr/bin/env python3
"""The app behind nginx, for the trace tests: answers every request on each loopback PORT with what it
received (the request line and headers, as text), so a trace shows the X-Forwarded-For and
X-Forwarded-Proto that reached the app. `Server: glow-echo`.

    scripts/loopback-echo-app.py PORT [PORT...]     # runs until killed
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
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    servers = [ThreadingHTTPServer(("127.0.0.1", int(port)), Echo) for port in sys.argv[1:]]
    for server in servers[1:]:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    servers[0].serve_forever()
