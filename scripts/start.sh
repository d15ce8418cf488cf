#!/usr/bin/env bash
# Quick start for learners: install what is missing, build, put glow-onboard on PATH, and start (or
# resume) the course on the bundled lessons. `scripts/start.sh LESSON[/STEP]` opens that lesson.
#
# The practice environment (`sandbox start` in the course) needs moto_server and the AWS CLI: they go in
# this checkout's own virtualenv (.venv/, not system-wide pip), and Debian's nginx serves the practice
# host. Nothing here needs the network once it has run.
source "$(dirname "$0")/lib.sh"
require_swift
apt_install "${BUILD_PACKAGES[@]}" nginx python3-venv less libsixel-bin
cd "$ROOT"
if [ ! -x "$ROOT/.venv/bin/python3" ]; then
    echo "==> creating $ROOT/.venv for the sandbox (moto_server, AWS CLI)" >&2
    python3 -m venv "$ROOT/.venv"
fi
if ! "$ROOT/.venv/bin/python3" -c 'import moto.server, flask_cors, awscli' 2>/dev/null; then
    echo "==> pip install 'moto[server]' awscli into .venv" >&2
    "$ROOT/.venv/bin/python3" -m pip install -q --disable-pip-version-check 'moto[server]' awscli >&2
fi
echo "==> building glow-onboard (release)" >&2
BIN="$(release_binary)"
# On PATH, so a second terminal can run `eval "$(glow-onboard sandbox env)"` (remove: rm ~/.local/bin/glow-onboard).
mkdir -p "$HOME/.local/bin"
ln -sf "$BIN" "$HOME/.local/bin/glow-onboard"
case ":$PATH:" in
    *":$HOME/.local/bin:"*) echo "==> glow-onboard is on PATH (~/.local/bin/glow-onboard → this checkout)" >&2 ;;
    *) echo "==> linked ~/.local/bin/glow-onboard; add ~/.local/bin to PATH: export PATH=\"\$HOME/.local/bin:\$PATH\"" >&2 ;;
esac
exec "$BIN" start --lessons "$ROOT/Lessons" "$@"
