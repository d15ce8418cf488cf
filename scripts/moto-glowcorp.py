#!/usr/bin/env python3
"""Builds glowcorp's setup (or a broken variant) in a running moto_server with the real AWS CLI, and
optionally captures it with the AWS CLI into a directory (the fixture layout).

Used by the live-source tests and scripts/bench-live.sh:
    scripts/moto-glowcorp.py --endpoint http://127.0.0.1:5000 [--variant NAME] [--capture DIR]
"""
import argparse, importlib.util
from pathlib import Path

spec = importlib.util.spec_from_file_location("build_fixtures", Path(__file__).with_name("build-fixtures.py"))
bf = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bf)


class Existing:
    def __init__(self, url):
        self.url = url

    def reset(self):
        import urllib.request
        urllib.request.urlopen(urllib.request.Request(self.url + "/moto-api/reset", method="POST"), timeout=10)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--endpoint", required=True)
    p.add_argument("--variant")
    p.add_argument("--capture")
    a = p.parse_args()
    moto = Existing(a.endpoint)
    moto.reset()
    aws = bf.AWS(moto)
    bf.build(aws, a.variant if a.variant in bf.AWS_DEFECTS else None)
    if a.capture:
        d = Path(a.capture)
        d.mkdir(parents=True, exist_ok=True)
        bf.capture(aws, d)


if __name__ == "__main__":
    main()
