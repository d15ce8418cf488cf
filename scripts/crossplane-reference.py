#!/usr/bin/env python3
"""Prints crossplane 0.5.8's parse of each file named on stdin (one path per line) as one JSON line:
{"file", "status", "errors": [{"line", "error"}], "parsed": [...]}, each file on its own (no includes
followed) and without crossplane's analyzer (directive names and contexts are nginx modules' business,
not the grammar's). Used by the differential tests."""
import json, sys
import crossplane

for path in sys.stdin.read().splitlines():
    if not path:
        continue
    payload = crossplane.parse(path, single=True, check_ctx=False, check_args=False, catch_errors=True, comments=False)
    config = payload["config"][0] if payload["config"] else {"status": "failed", "errors": payload["errors"], "parsed": []}
    print(json.dumps({"file": path, "status": config["status"],
                      "errors": [{"line": e.get("line"), "error": e.get("error")} for e in config["errors"]],
                      "parsed": config["parsed"]}))
