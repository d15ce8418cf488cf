#!/usr/bin/env python3
"""Builds glowcorp's setup (or a broken variant) in a running moto_server with the real AWS CLI, and
optionally captures it with the AWS CLI into a directory (the fixture layout).

Used by the live-source tests and scripts/bench-live.sh:
    scripts/moto-glowcorp.py --endpoint http://127.0.0.1:5000 [--variant NAME] [--capture DIR]
    scripts/moto-glowcorp.py --endpoint URL --through LESSON --state FILE   # phase by phase, as the lab's learner

`--through LESSON` builds only up to that lesson's phase (vpc, subnets, internet-gateway, route-table, ec2,
alb, dns-record); with `--state FILE` what was made is kept there, so the next call carries on (no reset).

For a moto_server started with INITIAL_NO_AUTH_ACTION_COUNT=3 (it then checks signatures and IAM
policies): `--iam` spends the three unauthenticated calls on an admin user and builds as that user (no
reset, which would drop the user), and each `--reader NAME=POLICY_FILE` creates a user with that inline
policy and writes its access key to KEYS_DIR/NAME.json (`--keys KEYS_DIR`).
"""
import argparse, json
from pathlib import Path

import build_fixtures as bf


class Existing:
    def __init__(self, url):
        self.url = url

    def reset(self):
        import urllib.request
        urllib.request.urlopen(urllib.request.Request(self.url + "/moto-api/reset", method="POST"), timeout=10)


def user(aws, name, policy, switch=True):
    """An IAM user with POLICY inline and an access key (three calls); with `switch`, later calls use it."""
    aws("iam", "create-user", "--user-name", name)
    aws("iam", "put-user-policy", "--user-name", name, "--policy-name", f"{name}-policy", "--policy-document", policy)
    key = aws.value("iam", "create-access-key", "--user-name", name, query="AccessKey")
    if switch:
        aws.env.update(AWS_ACCESS_KEY_ID=key["AccessKeyId"], AWS_SECRET_ACCESS_KEY=key["SecretAccessKey"])
    return key


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--endpoint", required=True)
    p.add_argument("--variant")
    p.add_argument("--capture")
    p.add_argument("--iam", action="store_true")
    p.add_argument("--reader", action="append", default=[])
    p.add_argument("--keys")
    p.add_argument("--through", choices=bf.PHASES)
    p.add_argument("--state")
    a = p.parse_args()
    moto = Existing(a.endpoint)
    aws = bf.AWS(moto)
    state = Path(a.state) if a.state else None
    context = json.loads(state.read_text()) if state and state.exists() else None
    if a.iam:
        allow_all = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
        user(aws, "glow-admin", json.dumps(allow_all))
    elif context is None:
        moto.reset()
    if a.iam and context is None:
        # moto refuses signed Route53 GETs in IAM mode, which finding the registered domain's zone needs:
        # the zone is made with lesson 9's create-hosted-zone (a POST) instead.
        context = {"lab": True}
    if a.through and context is None:
        # Phase by phase is the lab's learner, with lesson 9's create-hosted-zone (no registered domain).
        context = {"lab": True}
    context = bf.build(aws, a.variant if a.variant in bf.AWS_DEFECTS else None, through=a.through, context=context)
    if state:
        state.write_text(json.dumps(context))
    for reader in a.reader:
        name, _, policy_file = reader.partition("=")
        key = user(aws, name, Path(policy_file).read_text(), switch=False)
        Path(a.keys, f"{name}.json").write_text(json.dumps({"AccessKeyId": key["AccessKeyId"], "SecretAccessKey": key["SecretAccessKey"]}))
    if a.capture:
        d = Path(a.capture)
        d.mkdir(parents=True, exist_ok=True)
        bf.capture(aws, d)


if __name__ == "__main__":
    main()
