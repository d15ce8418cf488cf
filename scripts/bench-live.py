#!/usr/bin/env python3
"""Times a full live read of glowcorp's setup from moto_server on loopback, three ways, in one run
against the same moto state: `glow-onboard snapshot` (release build), the AWS CLI (one process per
call, as an engineer would type them) and boto3 (one Python process, the same calls). Whole process,
several runs, median. Usage: scripts/bench-live.py BINARY ENDPOINT [RUNS]"""
import os, shutil, statistics, subprocess, sys, tempfile, time

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


def cli_calls():
    """The AWS CLI calls of a capture (scripts/build-fixtures.py), listed once from the live state."""
    import json
    def aws(*a):
        return json.loads(subprocess.run(["aws", "--endpoint-url", endpoint, "--output", "json", *a], env=env,
                                         capture_output=True, check=True).stdout)
    calls = [["ec2", op] for op in ("describe-vpcs", "describe-subnets", "describe-internet-gateways", "describe-route-tables",
                                    "describe-security-groups", "describe-instances")]
    for r in aws("ec2", "describe-instances")["Reservations"]:
        for i in r["Instances"]:
            calls.append(["ec2", "describe-instance-attribute", "--instance-id", i["InstanceId"], "--attribute", "userData"])
    calls += [["elbv2", "describe-load-balancers"], ["elbv2", "describe-target-groups"]]
    for lb in aws("elbv2", "describe-load-balancers")["LoadBalancers"]:
        calls += [["elbv2", "describe-listeners", "--load-balancer-arn", lb["LoadBalancerArn"]],
                  ["elbv2", "describe-load-balancer-attributes", "--load-balancer-arn", lb["LoadBalancerArn"]]]
        for l in aws("elbv2", "describe-listeners", "--load-balancer-arn", lb["LoadBalancerArn"])["Listeners"]:
            calls.append(["elbv2", "describe-rules", "--listener-arn", l["ListenerArn"]])
    for tg in aws("elbv2", "describe-target-groups")["TargetGroups"]:
        calls += [["elbv2", "describe-target-health", "--target-group-arn", tg["TargetGroupArn"]],
                  ["elbv2", "describe-target-group-attributes", "--target-group-arn", tg["TargetGroupArn"]]]
    calls.append(["route53", "list-hosted-zones"])
    for z in aws("route53", "list-hosted-zones")["HostedZones"]:
        calls.append(["route53", "list-resource-record-sets", "--hosted-zone-id", z["Id"]])
    calls.append(["acm", "list-certificates"])
    for cert in aws("acm", "list-certificates")["CertificateSummaryList"]:
        calls.append(["acm", "describe-certificate", "--certificate-arn", cert["CertificateArn"]])
    return calls


calls = cli_calls()


def aws_cli():
    start = time.perf_counter()
    for c in calls:
        subprocess.run(["aws", "--endpoint-url", endpoint, "--output", "json", *c], env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def boto3():
    return timed([sys.executable, "-c", BOTO3, endpoint])


ours()  # warm the page cache once
results = {"glow-onboard snapshot": [], "boto3 (one process)": [], f"AWS CLI ({len(calls)} processes)": []}
for _ in range(runs):
    results["glow-onboard snapshot"].append(ours())
    results["boto3 (one process)"].append(boto3())
    results[f"AWS CLI ({len(calls)} processes)"].append(aws_cli())
base = statistics.median(results["glow-onboard snapshot"])
print(f"full live read of glowcorp's setup from moto on loopback: {len(calls)} calls, {runs} runs, median, whole process")
print("| reader | median | vs glow-onboard |")
print("|---|---|---|")
for name, times in results.items():
    m = statistics.median(times)
    print(f"| {name} | {m * 1000:.0f} ms | {m / base:.1f}x |")
