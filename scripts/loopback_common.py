"""What the loopback-*.py service scripts share: ports the servers bind themselves, stopping by pid file,
and the start/stop command line."""
import os, random, signal, socket, sys
from pathlib import Path


class PortTaken(Exception):
    """A server could not bind a port that was free a moment before."""


def unused_port():
    """A loopback port nothing accepts connections on, found by trying to connect to it (never by binding
    it and letting go, which only races the server for it)."""
    while True:
        port = random.randint(20000, 60999)
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        except OSError:
            return port


def on_unused_ports(count, start):
    """Calls start(PORTS) with COUNT unused ports, and again with new ones when the server says a port
    was taken in the meantime (PortTaken), up to five times."""
    for _ in range(5):
        try:
            return start([unused_port() for _ in range(count)])
        except PortTaken:
            continue
    sys.exit("loopback: five tries, and every time a port was taken before the server could bind it")


def stop_pid_file(path, sig=signal.SIGTERM):
    """Signals the process whose pid PATH holds; nothing if it is gone or never started."""
    path = Path(path)
    if path.exists():
        try:
            os.kill(int(path.read_text().strip()), sig)
        except (ProcessLookupError, ValueError):
            pass


def main(usage, start, stop, start_arguments):
    """`start DIR ARG...` (as many ARGs as one of START_ARGUMENTS allows) calls start(DIR, *ARGS);
    `stop DIR` calls stop(DIR); anything else prints USAGE."""
    args = sys.argv[1:]
    if len(args) >= 2 and args[0] == "start" and len(args) - 2 in start_arguments:
        start(args[1], *args[2:])
    elif len(args) == 2 and args[0] == "stop":
        stop(args[1])
    else:
        sys.exit(usage)
