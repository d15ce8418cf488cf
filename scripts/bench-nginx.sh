#!/usr/bin/env bash
# nginx parsing speed (issue target: >= 100 MB/s in a release build). Generates a reverse-proxy
# configuration of 20,000 server blocks in 200 conf.d files (about 34 MB) and times, on the same files,
# in one run: `glow-onboard nginx parse --check`, `crossplane parse`, and `nginx -t`. Median of RUNS.
source "$(dirname "$0")/lib.sh"
require_swift
apt_install "${BUILD_PACKAGES[@]}" nginx
cd "$ROOT"
RUNS="${RUNS:-5}"
BIN="$(release_binary)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

python3 - "$WORK" <<'PY'
import os, sys
work = sys.argv[1]
os.makedirs(f"{work}/conf.d")
with open(f"{work}/nginx.conf", "w") as f:
    f.write("events {}\nhttp {\n    server_names_hash_max_size 65536;\n    server_names_hash_bucket_size 128;\n"
            f"    access_log off;\n    include {work}/conf.d/*.conf;\n}}\n")
n = 0
for i in range(200):
    with open(f"{work}/conf.d/site-{i:03}.conf", "w") as f:
        for j in range(100):
            n += 1
            f.write(f"""# site {n}: app{n}.example.com -> 127.0.0.1:{3000 + n % 1000}
server {{
    listen 80;
    listen [::]:80;
    server_name app{n}.example.com www.app{n}.example.com;

    set_real_ip_from 10.0.0.0/16;
    real_ip_header X-Forwarded-For;
    real_ip_recursive on;
    client_max_body_size 10m;

    location = /health {{
        access_log off;
        return 200 "ok\\n";
    }}

    location /static/ {{
        alias /srv/app{n}/static/;
        expires 7d;
        add_header Cache-Control "public, max-age=604800, immutable";
    }}

    location /api/ {{
        proxy_pass http://127.0.0.1:{4000 + n % 1000};
        proxy_http_version 1.1;
        proxy_set_header Host              $host;
        proxy_set_header X-Forwarded-For   $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $http_x_forwarded_proto;
        proxy_read_timeout 30s;
        add_header X-Content-Type-Options nosniff always;
        add_header Referrer-Policy "strict-origin-when-cross-origin" always;
    }}

    location / {{
        proxy_pass http://127.0.0.1:{3000 + n % 1000};
        proxy_http_version 1.1;
        proxy_set_header Host              $host;
        proxy_set_header X-Real-IP         $remote_addr;
        proxy_set_header X-Forwarded-For   $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $http_x_forwarded_proto;
        proxy_set_header Connection        "";
        proxy_connect_timeout 5s;
        proxy_read_timeout 55s;
        proxy_buffers 16 16k;
    }}
}}

""")
PY

python3 - "$BIN" "$RUNS" "$WORK" <<'PY'
import os, shutil, statistics, subprocess, sys, time
binary, runs, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(work) for f in fs)
nginx = shutil.which("nginx") or "/usr/sbin/nginx"
cases = [
    ("glow-onboard nginx parse --check", [binary, "nginx", "parse", "--check", f"{work}/nginx.conf"]),
    ("crossplane parse (0.5.8)", [sys.executable, "-m", "crossplane", "parse", "-o", os.devnull, f"{work}/nginx.conf"]),
    ("nginx -t (Debian)", [nginx, "-t", "-q", "-c", f"{work}/nginx.conf", "-p", work + "/", "-g", f"pid {work}/nginx.pid; error_log stderr;"]),
]
results = {}
for name, argv in cases:
    try:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            times.append(time.perf_counter() - start)
            if done.returncode != 0:
                raise RuntimeError(done.stderr.decode()[:200])
        results[name] = statistics.median(times)
    except Exception as e:
        print(f"{name}: not measured ({e})")
print(f"config: 20,000 server blocks in 200 files, {size / 1e6:.1f} MB; {runs} runs each, median, whole process")
print(f"{'parser':36} {'time':>9} {'MB/s':>8} {'vs ours':>8}")
ours = results.get(cases[0][0])
for name, t in results.items():
    ratio = f"{t / ours:.1f}x" if ours else "-"
    print(f"{name:36} {t * 1000:7.0f}ms {size / 1e6 / t:8.1f} {ratio:>8}")
if ours and size / 1e6 / ours < 100:
    print("below the 100 MB/s target"); sys.exit(1)
PY
