#!/usr/bin/env python3
"""Runs Debian's nginx on loopback with the course's configuration (Fixtures/host/etc/nginx), for the
live-host tests. The copy lives in DIR: /etc/nginx paths point into it, `listen 80` becomes
127.0.0.1:PORT, logs and pid go to DIR, and `user` is dropped (the tests' user runs it).

    scripts/loopback-nginx.py start DIR [OPTIONS]   # prints {"conf": …, "port": …, "alb": [HTTP, HTTPS]}
    scripts/loopback-nginx.py stop DIR

The ports are unused ones nginx binds itself; when one was taken in the meantime, new ones are tried.

Options, for the trace tests:
    --from FIXTURE      take etc/nginx from Fixtures/FIXTURE (a broken variant) instead of Fixtures/host
    --app-ports A,B     proxy_pass to 127.0.0.1:A and :B instead of the containers' 3000 and 4000
    --alb               also stand in for the ALB on two more loopback ports, in the same nginx: HTTP
                        redirects to HTTPS (port 443 in the Location, as the ALB's redirect action
                        does), HTTPS terminates TLS with a certificate for app/api.glowcorp.io from a
                        test CA (DIR/tls/ca.pem) and forwards to PORT with X-Forwarded-For/-Proto/-Port
                        set as the ALB sets them.
"""
import argparse, json, re, shutil, signal, subprocess, time
from pathlib import Path

from loopback_common import PortTaken, main, on_unused_ports, stop_pid_file

ROOT = Path(__file__).resolve().parent.parent


def certificates(tls):
    """A test CA and a certificate for app.glowcorp.io and api.glowcorp.io signed by it."""
    tls.mkdir(parents=True)
    def openssl(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True)
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=glow-onboard test CA",
            "-keyout", str(tls / "ca.key"), "-out", str(tls / "ca.pem"))
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=app.glowcorp.io",
            "-keyout", str(tls / "server.key"), "-out", str(tls / "server.csr"))
    (tls / "san.ext").write_text("subjectAltName=DNS:app.glowcorp.io,DNS:api.glowcorp.io\n")
    openssl("x509", "-req", "-in", str(tls / "server.csr"), "-CA", str(tls / "ca.pem"), "-CAkey", str(tls / "ca.key"),
            "-CAcreateserial", "-days", "2", "-extfile", str(tls / "san.ext"), "-out", str(tls / "server.pem"))


def alb_standin(d, port, http_port, https_port):
    tls = d / "tls"
    certificates(tls)
    return f"""
# Stand-in for the ALB (trace tests): :80 redirects to HTTPS, :443 terminates TLS and forwards to the instance.
server {{
    listen 127.0.0.1:{http_port};
    server_name app.glowcorp.io api.glowcorp.io;
    location / {{
        return 301 https://$host:443$request_uri;
    }}
}}
server {{
    listen 127.0.0.1:{https_port} ssl;
    server_name app.glowcorp.io api.glowcorp.io;
    ssl_certificate {tls}/server.pem;
    ssl_certificate_key {tls}/server.key;
    location / {{
        proxy_pass http://127.0.0.1:{port};
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto https;
        proxy_set_header X-Forwarded-Port 443;
    }}
}}
"""


def start(directory, *options):
    p = argparse.ArgumentParser(prog="loopback-nginx.py start DIR")
    p.add_argument("--from", dest="source", default="host")
    p.add_argument("--app-ports")
    p.add_argument("--alb", action="store_true")
    o = p.parse_args(options)
    ports = on_unused_ports(3 if o.alb else 1, lambda ports: run(Path(directory).resolve(), o, *ports))
    print(json.dumps({"conf": str(Path(directory).resolve() / "etc/nginx/nginx.conf"), "port": ports[0], "alb": ports[1:]}))


def run(d, o, port, http_port=None, https_port=None):
    if d.exists():
        shutil.rmtree(d)
    shutil.copytree(ROOT / "Fixtures" / o.source / "etc/nginx", d / "etc/nginx")
    (d / "logs").mkdir(parents=True)
    if not (d / "etc/nginx/mime.types").exists():
        shutil.copy("/etc/nginx/mime.types", d / "etc/nginx/mime.types")
    for f in (d / "etc/nginx").rglob("*.conf"):
        text = f.read_text()
        text = re.sub(r"^user\s+[^;]*;\n", "", text, flags=re.M)
        text = text.replace("/var/log/nginx/", f"{d}/logs/").replace("/run/nginx.pid", f"{d}/nginx.pid")
        text = text.replace("include /usr/share/nginx/modules/*.conf;", "")
        text = text.replace("/etc/nginx", f"{d}/etc/nginx")
        text = re.sub(r"listen\s+\[::\]:80[^;]*;\n\s*", "", text)
        text = re.sub(r"listen\s+80(\s+default_server)?;", rf"listen 127.0.0.1:{port}\1;", text)
        if o.app_ports:
            app, api = o.app_ports.split(",")
            text = text.replace("http://127.0.0.1:3000", f"http://127.0.0.1:{app}").replace("http://127.0.0.1:4000", f"http://127.0.0.1:{api}")
        f.write_text(text)
    if o.alb:
        (d / "alb.conf").write_text(alb_standin(d, port, http_port, https_port))
        conf_text = (d / "etc/nginx/nginx.conf").read_text()
        (d / "etc/nginx/nginx.conf").write_text(conf_text.replace(f"include {d}/etc/nginx/conf.d/*.conf;",
                                                                  f"include {d}/etc/nginx/conf.d/*.conf;\n    include {d}/alb.conf;"))
    conf = d / "etc/nginx/nginx.conf"
    started = subprocess.run(["nginx", "-c", str(conf), "-p", str(d) + "/", "-e", f"{d}/logs/error.log"], capture_output=True, text=True)
    if started.returncode != 0:
        if "Address already in use" in started.stderr:
            raise PortTaken()
        raise SystemExit(f"loopback-nginx: nginx did not start: {started.stderr.strip()}")
    for _ in range(50):
        if (d / "nginx.pid").exists():
            break
        time.sleep(0.1)
    return [port] + ([http_port, https_port] if o.alb else [])


def stop(directory):
    stop_pid_file(Path(directory) / "nginx.pid", signal.SIGQUIT)


if __name__ == "__main__":
    main(__doc__, start, stop, set(range(0, 8)))
