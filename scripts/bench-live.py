#!/usr/bin/env python3
"""Times a full live read of glowcorp's setup from moto_server on loopback, three ways, in one run
against the same moto state: `glow-onboard snapshot` (release build), the AWS CLI (one process per
call, as an engineer would type them) and boto3 (one Python process, the same calls). Whole process,
several runs, median. Usage: scripts/bench-live.py BINARY ENDPOINT [RUNS]"""
import os, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path

binary, endpoint = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
env = dict(os.environ, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_REGION="ap-northeast-2",
           AWS_DEFAULT_REGION="ap-northeast-2", AWS_PAGER="")
env.pop("AWS_PROFILE", None)

BOTO3 = r'''
import boto3, json, sys
endpoint = sys.argv[1]
s = boto3.session.Session()
c = {n: s.client(n, endpoint_url=endpoint) for n in ("ec2", "elbv2", "route53", "acm")}
def all_pages(client, op, key, **kw):
    return [x for page in client.get_paginator(op).paginate(**kw) for x in page[key]]
ec2 = c["ec2"]
for op, key in (("describe_vpcs", "Vpcs"), ("describe_subnets", "Subnets"), ("describe_internet_gateways", "InternetGateways"),
                ("describe_route_tables", "RouteTables"), ("describe_security_groups", "SecurityGroups")):
    all_pages(ec2, op, key)
instances = [i for r in all_pages(ec2, "describe_instances", "Reservations") for i in r["Instances"]]
for i in instances:
    ec2.describe_instance_attribute(InstanceId=i["InstanceId"], Attribute="userData")
lbs = all_pages(c["elbv2"], "describe_load_balancers", "LoadBalancers")
tgs = all_pages(c["elbv2"], "describe_target_groups", "TargetGroups")
for lb in lbs:
    for l in all_pages(c["elbv2"], "describe_listeners", "Listeners", LoadBalancerArn=lb["LoadBalancerArn"]):
        all_pages(c["elbv2"], "describe_rules", "Rules", ListenerArn=l["ListenerArn"])
    c["elbv2"].describe_load_balancer_attributes(LoadBalancerArn=lb["LoadBalancerArn"])
for tg in tgs:
    c["elbv2"].describe_target_health(TargetGroupArn=tg["TargetGroupArn"])
    c["elbv2"].describe_target_group_attributes(TargetGroupArn=tg["TargetGroupArn"])
for z in all_pages(c["route53"], "list_hosted_zones", "HostedZones"):
    all_pages(c["route53"], "list_resource_record_sets", "ResourceRecordSets", HostedZoneId=z["Id"])
for cert in all_pages(c["acm"], "list_certificates", "CertificateSummaryList"):
    c["acm"].describe_certificate(CertificateArn=cert["CertificateArn"])
'''


def timed(argv):
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode != 0:
        sys.exit(f"{argv[0]} failed: {done.stderr.decode()[-500:]}")
    return time.perf_counter() - start


def ours():
    out = tempfile.mkdtemp()
    shutil.rmtree(out)
    try:
        return timed([binary, "snapshot", "--endpoint-url", endpoint, "--out", out])
    finally:
        shutil.rmtree(out, ignore_errors=True)


import build_fixtures as bf


class Endpoint:
    url = endpoint


def aws_cli():
    """The AWS CLI's reads of a fixture capture (scripts/build_fixtures.py), one process per call."""
    out = Path(tempfile.mkdtemp())
    try:
        start = time.perf_counter()
        bf.capture(bf.AWS(Endpoint), out)
        elapsed = time.perf_counter() - start
        aws_cli.calls = len(list(out.glob("*.json")))
        return elapsed
    finally:
        shutil.rmtree(out, ignore_errors=True)


def boto3():
    return timed([sys.executable, "-c", BOTO3, endpoint])


ours()  # warm the page cache once
results = {"glow-onboard snapshot": [], "boto3 (one process)": [], "AWS CLI (one process per call)": []}
for _ in range(runs):
    results["glow-onboard snapshot"].append(ours())
    results["boto3 (one process)"].append(boto3())
    results["AWS CLI (one process per call)"].append(aws_cli())
base = statistics.median(results["glow-onboard snapshot"])
print(f"full live read of glowcorp's setup from moto on loopback: {aws_cli.calls} calls, {runs} runs, median, whole process")
print("| reader | median | vs glow-onboard |")
print("|---|---|---|")
for name, times in results.items():
    m = statistics.median(times)
    print(f"| {name} | {m * 1000:.0f} ms | {m / base:.1f}x |")
