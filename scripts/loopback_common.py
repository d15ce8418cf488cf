"""What the loopback-*.py service scripts share: stopping by pid file, and the start/stop command line."""
import os, signal, sys
from pathlib import Path


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
