#!/usr/bin/env python3
"""Runs Debian's nginx on loopback with the course's configuration (Fixtures/host/etc/nginx), for the
live-host tests. The copy lives in DIR: /etc/nginx paths point into it, `listen 80` becomes
127.0.0.1:PORT, logs and pid go to DIR, and `user` is dropped (the tests' user runs it).

    scripts/loopback-nginx.py start DIR PORT   # prints DIR/etc/nginx/nginx.conf
    scripts/loopback-nginx.py stop DIR
"""
import re, shutil, signal, subprocess, time
from pathlib import Path

from loopback_common import main, stop_pid_file

ROOT = Path(__file__).resolve().parent.parent


def start(directory, port):
    d = Path(directory).resolve()
    if d.exists():
        shutil.rmtree(d)
    shutil.copytree(ROOT / "Fixtures/host/etc/nginx", d / "etc/nginx")
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
        f.write_text(text)
    conf = d / "etc/nginx/nginx.conf"
    subprocess.run(["nginx", "-c", str(conf), "-p", str(d) + "/", "-e", f"{d}/logs/error.log"], check=True)
    for _ in range(50):
        if (d / "nginx.pid").exists():
            break
        time.sleep(0.1)
    print(conf)


def stop(directory):
    stop_pid_file(Path(directory) / "nginx.pid", signal.SIGQUIT)


if __name__ == "__main__":
    main(__doc__, lambda d, port: start(d, int(port)), stop, {1})
