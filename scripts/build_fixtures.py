#!/usr/bin/env python3
"""Builds the bundled fixtures: glowcorp's intended setup and broken variants with one defect each.

The AWS part of every fixture is made for real: this script starts moto_server on loopback, builds the
setup with the AWS CLI (`aws ...`, exactly the commands an engineer would type), and captures the AWS
CLI's JSON output of the reads the course needs, unmodified. The host part (nginx configuration and
`docker ps` output) comes from Fixtures/host/; no Docker engine runs on the build machines, so the
docker lines are written in the exact format of `docker ps --all --no-trunc --format '{{json .}}'`.

Usage: scripts/build_fixtures.py [--host-only] [VARIANT ...]
  (default: all variants; needs `pip install moto[server] awscli`; --host-only refreshes only the
  host files of existing fixtures from Fixtures/host/, without moto)
"""
import json, os, re, shutil, signal, socket, subprocess, sys, tempfile, time, urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Fixtures"
HOST = OUT / "host"
REGION = "ap-northeast-2"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Moto:
    def __init__(self):
        self.port = free_port()
        env = dict(os.environ, MOTO_ACM_VALIDATION_WAIT="0")
        self.proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        self.url = f"http://127.0.0.1:{self.port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(self.url + "/moto-api/", timeout=1)
                return
            except Exception:
                time.sleep(0.1)
        raise SystemExit("moto_server did not start")

    def reset(self):
        urllib.request.urlopen(urllib.request.Request(self.url + "/moto-api/reset", method="POST"), timeout=5)
        # Seeded ids: a rebuild makes the same vpc-, subnet-, i- ids, so fixtures only change where the setup did.
        urllib.request.urlopen(urllib.request.Request(self.url + "/moto-api/seed?a=2026", method="POST"), timeout=5)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=10)


class AWS:
    """The real AWS CLI against moto, with dummy credentials."""

    def __init__(self, moto):
        self.env = dict(os.environ, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
                        AWS_DEFAULT_REGION=REGION, AWS_PAGER="")
        self.env.pop("AWS_PROFILE", None)
        self.endpoint = moto.url

    def __call__(self, *args, query=None):
        argv = ["aws", "--endpoint-url", self.endpoint, "--output", "json", *args]
        if query:
            argv += ["--query", query]
        done = subprocess.run(argv, env=self.env, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"aws {' '.join(args)} failed:\n{done.stderr}")
        return done.stdout

    def value(self, *args, query):
        return json.loads(self(*args, query=query))


def tags(kind, name):
    return f"ResourceType={kind},Tags=[{{Key=Name,Value={name}}}]"


# glowcorp's setup in the order the onboarding document builds it, one phase per lesson: each phase is
# what that lesson's build step asks for, in the AWS CLI commands the lesson shows.
PHASES = ["vpc", "subnets", "internet-gateway", "route-table", "ec2", "alb", "dns-record"]


def phase_vpc(aws, d, c):
    c["vpc"] = aws.value("ec2", "create-vpc", "--cidr-block", "10.0.0.0/16", "--tag-specifications", tags("vpc", "glowcorp-vpc"),
                         query="Vpc.VpcId")
    aws("ec2", "modify-vpc-attribute", "--vpc-id", c["vpc"], "--enable-dns-hostnames", '{"Value":true}')


def phase_subnets(aws, d, c):
    c["subnets"] = {}
    for zone, cidr in (("a", "10.0.1.0/24"), ("c", "10.0.2.0/24")):
        c["subnets"][zone] = aws.value("ec2", "create-subnet", "--vpc-id", c["vpc"], "--cidr-block", cidr,
                                       "--availability-zone", f"{REGION}{zone}",
                                       "--tag-specifications", tags("subnet", f"glowcorp-public-{zone}"), query="Subnet.SubnetId")
        if not (d == "subnet-no-public-ip" and zone == "c"):
            aws("ec2", "modify-subnet-attribute", "--subnet-id", c["subnets"][zone], "--map-public-ip-on-launch")


def phase_internet_gateway(aws, d, c):
    c["igw"] = aws.value("ec2", "create-internet-gateway", "--tag-specifications", tags("internet-gateway", "glowcorp-igw"),
                         query="InternetGateway.InternetGatewayId")
    aws("ec2", "attach-internet-gateway", "--internet-gateway-id", c["igw"], "--vpc-id", c["vpc"])


def phase_route_table(aws, d, c):
    rt = aws.value("ec2", "create-route-table", "--vpc-id", c["vpc"], "--tag-specifications", tags("route-table", "glowcorp-public-rt"),
                   query="RouteTable.RouteTableId")
    if d != "no-default-route":
        aws("ec2", "create-route", "--route-table-id", rt, "--destination-cidr-block", "0.0.0.0/0", "--gateway-id", c["igw"])
    for zone in ("a", "c"):
        if d == "subnet-on-main-route-table" and zone == "c":
            continue
        aws("ec2", "associate-route-table", "--route-table-id", rt, "--subnet-id", c["subnets"][zone])


def phase_ec2(aws, d, c):
    # The instances' security group admits SSH from the office now; HTTP comes in the ALB's phase, from
    # the ALB's own security group (which does not exist yet).
    c["web_sg"] = aws.value("ec2", "create-security-group", "--group-name", "glowcorp-web-sg", "--description", "glowcorp web instances: HTTP from the ALB only",
                            "--vpc-id", c["vpc"], "--tag-specifications", tags("security-group", "glowcorp-web-sg"), query="GroupId")
    aws("ec2", "authorize-security-group-ingress", "--group-id", c["web_sg"], "--ip-permissions",
        json.dumps([{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "203.0.113.0/24", "Description": "office"}]}]))
    ami = aws.value("ec2", "describe-images", "--owners", "amazon", "--filters", "Name=name,Values=al2023-ami-2023*-x86_64",
                    query="sort_by(Images, &Name)[-1].ImageId")
    c["instances"] = {}
    for n, zone in ((1, "a"), (2, "c")):
        c["instances"][str(n)] = aws.value("ec2", "run-instances", "--image-id", ami, "--instance-type", "t3.small", "--count", "1",
                                           "--subnet-id", c["subnets"][zone], "--security-group-ids", c["web_sg"],
                                           "--user-data", f"file://{HOST / 'user-data.sh'}",
                                           "--tag-specifications", tags("instance", f"glowcorp-web-{n}"), query="Instances[0].InstanceId")


def phase_alb(aws, d, c):
    vpc, subnets, instances = c["vpc"], c["subnets"], c["instances"]
    alb_sg = aws.value("ec2", "create-security-group", "--group-name", "glowcorp-alb-sg", "--description", "glowcorp ALB: HTTP and HTTPS from the internet",
                       "--vpc-id", vpc, "--tag-specifications", tags("security-group", "glowcorp-alb-sg"), query="GroupId")
    for port in {"alb-sg-without-80": (443,), "alb-sg-without-443": (80,)}.get(d, (80, 443)):
        aws("ec2", "authorize-security-group-ingress", "--group-id", alb_sg, "--ip-permissions",
            json.dumps([{"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": "internet"}]}]))
    web_source = {"IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": "anyone"}]} if d == "instance-sg-open-to-world" else \
        {"UserIdGroupPairs": [{"GroupId": alb_sg, "Description": "from the ALB"}]}
    aws("ec2", "authorize-security-group-ingress", "--group-id", c["web_sg"], "--ip-permissions",
        json.dumps([{"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, **web_source}]))
    tg_args = ["--name", "glowcorp-web-tg", "--protocol", "HTTP", "--port", "8080" if d == "target-group-port-8080" else "80",
               "--vpc-id", vpc, "--target-type", "ip" if d == "target-group-type-ip" else "instance",
               "--health-check-protocol", "HTTP", "--health-check-path", "/healthz" if d == "wrong-health-check-path" else "/health",
               "--matcher", "HttpCode=200"]
    tg = aws.value("elbv2", "create-target-group", *tg_args, query="TargetGroups[0].TargetGroupArn")
    if d == "listener-to-wrong-target-group":
        old_tg = aws.value("elbv2", "create-target-group", "--name", "glowcorp-tg-old", "--protocol", "HTTP", "--port", "80",
                           "--vpc-id", vpc, "--target-type", "instance", "--health-check-path", "/health",
                           query="TargetGroups[0].TargetGroupArn")

    alb_subnets = [subnets["a"]] if d == "alb-in-one-az" else [subnets["a"], subnets["c"]]
    alb = aws.value("elbv2", "create-load-balancer", "--name", "glowcorp-alb", "--type", "application",
                    "--scheme", "internal" if d == "internal-alb" else "internet-facing",
                    "--subnets", *alb_subnets, "--security-groups", alb_sg, query="LoadBalancers[0]")
    c["alb"], c["alb_sg"] = alb, alb_sg

    if d != "no-registered-targets":
        if d == "target-group-type-ip":
            ips = aws.value("ec2", "describe-instances", "--instance-ids", instances["1"], instances["2"],
                            query="Reservations[].Instances[].PrivateIpAddress")
            aws("elbv2", "register-targets", "--target-group-arn", tg, "--targets", *[f"Id={ip}" for ip in ips])
        else:
            aws("elbv2", "register-targets", "--target-group-arn", tg, "--targets", f"Id={instances['1']}", f"Id={instances['2']}")
    if d == "stopped-instance":
        # Stopped after it was registered (AWS refuses to register a stopped instance).
        aws("ec2", "stop-instances", "--instance-ids", instances["2"])

    if d == "certificate-expiring":
        cert = import_short_lived_certificate(aws, days=10)
    elif d == "certificate-missing-name":
        cert = aws.value("acm", "request-certificate", "--domain-name", "app.glowcorp.io", "--validation-method", "DNS", query="CertificateArn")
    else:
        cert = aws.value("acm", "request-certificate", "--domain-name", "glowcorp.io", "--subject-alternative-names", "*.glowcorp.io",
                         "--validation-method", "DNS", query="CertificateArn")
    forward_to = old_tg if d == "listener-to-wrong-target-group" else tg
    if d != "listener-missing":
        aws("elbv2", "create-listener", "--load-balancer-arn", alb["LoadBalancerArn"], "--protocol", "HTTPS", "--port", "443",
            "--certificates", f"CertificateArn={cert}", "--ssl-policy", "ELBSecurityPolicy-TLS13-1-2-2021-06",
            "--default-actions", f"Type=forward,TargetGroupArn={forward_to}")
        http_action = [{"Type": "forward", "TargetGroupArn": forward_to}] if d == "http-not-redirected" else \
            [{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}]
        aws("elbv2", "create-listener", "--load-balancer-arn", alb["LoadBalancerArn"], "--protocol", "HTTP", "--port", "80",
            "--default-actions", json.dumps(http_action))
    if d == "nacl-blocks-replies":
        # Lesson 14's glowcorp-public-acl on both public subnets: the requests in, HTTP out to the VPC and the
        # replies out, but no inbound rule for the replies coming back (ephemeral ports from the VPC).
        acl = aws.value("ec2", "create-network-acl", "--vpc-id", vpc, "--tag-specifications", tags("network-acl", "glowcorp-public-acl"),
                        query="NetworkAcl.NetworkAclId")
        for number, egress, port, cidr in ((100, False, "443", "0.0.0.0/0"), (110, False, "80", "0.0.0.0/0"),
                                           (100, True, "80", "10.0.0.0/16"), (110, True, "1024-65535", "0.0.0.0/0")):
            low, _, high = port.partition("-")
            aws("ec2", "create-network-acl-entry", "--network-acl-id", acl, "--egress" if egress else "--ingress", "--rule-number", str(number),
                "--protocol", "tcp", "--port-range", f"From={low},To={high or low}", "--cidr-block", cidr, "--rule-action", "allow")
        associations = aws.value("ec2", "describe-network-acls", "--filters", f"Name=vpc-id,Values={vpc}", "Name=default,Values=true",
                                 query="NetworkAcls[0].Associations")
        for a in associations:
            if a["SubnetId"] in subnets.values():
                aws("ec2", "replace-network-acl-association", "--association-id", a["NetworkAclAssociationId"], "--network-acl-id", acl)


CONTACT = ("FirstName=Glow,LastName=Corp,ContactType=COMPANY,OrganizationName=glowcorp,AddressLine1=1 Example-ro,City=Seoul,"
           "CountryCode=KR,ZipCode=04524,PhoneNumber=+82.212345678,Email=hostmaster@glowcorp.io")


def import_short_lived_certificate(aws, days):
    """A certificate for glowcorp.io and *.glowcorp.io that expires in `days` days, imported into ACM (moto
    issues requested certificates for a year; an imported one keeps the dates it was made with)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", str(days), "-subj", "/CN=glowcorp.io",
                        "-addext", "subjectAltName=DNS:glowcorp.io,DNS:*.glowcorp.io", "-keyout", f"{tmp}/key.pem", "-out", f"{tmp}/cert.pem"],
                       check=True, capture_output=True)
        return aws.value("acm", "import-certificate", "--certificate", f"fileb://{tmp}/cert.pem", "--private-key", f"fileb://{tmp}/key.pem",
                         query="CertificateArn")


def phase_dns_record(aws, d, c):
    if c.get("lab"):
        # The lab's learner, in a practice account with no registered domain: lesson 9's own command.
        zone_id = aws.value("route53", "create-hosted-zone", "--name", "glowcorp.io", "--caller-reference", "glowcorp-onboarding",
                            query="HostedZone.Id")
    else:
        zone_id = register_domain(aws, d)
    dns_records(aws, d, c, zone_id)


def register_domain(aws, d):
    """glowcorp.io registered with Route 53 ("도메인 등록(Route53)" in the onboarding document), which makes its
    public hosted zone; Route 53 domains is served from us-east-1 only. Returns the zone the records go in.
    (Two years: moto refuses one, as its expiry check counts 365 days short of a year.)"""
    aws("route53domains", "register-domain", "--region", "us-east-1", "--domain-name", "glowcorp.io", "--duration-in-years", "2",
        "--admin-contact", CONTACT, "--registrant-contact", CONTACT, "--tech-contact", CONTACT)
    # moto names the zone it makes `glowcorp.io` (no final dot), which list-hosted-zones-by-name then misses.
    zone_id = aws.value("route53", "list-hosted-zones", query="HostedZones[?Name == 'glowcorp.io' || Name == 'glowcorp.io.'].Id | [0]")
    zone_ns = aws.value("route53", "list-resource-record-sets", "--hosted-zone-id", zone_id,
                        query="ResourceRecordSets[?Type == 'NS'].ResourceRecords[].Value")
    # Real registration sets the domain's name servers to the new zone's; moto leaves them empty.
    registrar_ns = ["ns1.old-dns-host.example.net", "ns2.old-dns-host.example.net"] if d == "registrar-other-name-servers" else zone_ns
    aws("route53domains", "update-domain-nameservers", "--region", "us-east-1", "--domain-name", "glowcorp.io",
        "--nameservers", *[f"Name={n}" for n in registrar_ns])
    if d == "duplicate-hosted-zone":
        # Lesson 9's create-hosted-zone run in an account whose registration already made the zone.
        zone_id = aws.value("route53", "create-hosted-zone", "--name", "glowcorp.io", "--caller-reference", "glowcorp-onboarding",
                            query="HostedZone.Id")
    return zone_id


def dns_records(aws, d, c, zone_id):
    alb, subnets = c["alb"], c["subnets"]
    target = {"HostedZoneId": alb["CanonicalHostedZoneId"], "DNSName": "dualstack." + alb["DNSName"], "EvaluateTargetHealth": True}
    if d == "record-to-old-alb":
        old = aws.value("elbv2", "create-load-balancer", "--name", "glowcorp-alb-2025", "--type", "application", "--scheme", "internet-facing",
                        "--subnets", subnets["a"], subnets["c"], "--security-groups", c["alb_sg"], query="LoadBalancers[0]")
        target = {"HostedZoneId": old["CanonicalHostedZoneId"], "DNSName": "dualstack." + old["DNSName"], "EvaluateTargetHealth": True}
        aws("elbv2", "delete-load-balancer", "--load-balancer-arn", old["LoadBalancerArn"])
    changes = []
    for name in ("app", "api"):
        if d == "no-record-for-api" and name == "api":
            continue
        changes.append({"Action": "UPSERT", "ResourceRecordSet": {"Name": f"{name}.glowcorp.io", "Type": "A", "AliasTarget": target}})
    if d == "cname-at-apex":
        changes.append({"Action": "UPSERT", "ResourceRecordSet": {"Name": "glowcorp.io", "Type": "CNAME", "TTL": 300,
                                                                   "ResourceRecords": [{"Value": alb["DNSName"]}]}})
    aws("route53", "change-resource-record-sets", "--hosted-zone-id", zone_id, "--change-batch", json.dumps({"Changes": changes}))
    if d == "igw-detached":
        # Detached after the fact (moto allows it with public IPs mapped; real AWS answers DependencyViolation,
        # and shows the orphaned route as blackhole where moto keeps it active).
        aws("ec2", "detach-internet-gateway", "--internet-gateway-id", c["igw"], "--vpc-id", c["vpc"])


PHASE_STEPS = {"vpc": phase_vpc, "subnets": phase_subnets, "internet-gateway": phase_internet_gateway,
               "route-table": phase_route_table, "ec2": phase_ec2, "alb": phase_alb, "dns-record": phase_dns_record}


def build(aws, defect, through=None, context=None):
    """glowcorp's intended setup, with `defect` (a name) changing one thing; with `through`, only up to and
    including that lesson's phase, carrying on from `context` (what earlier phases made, as ids)."""
    c = context if context is not None else {}
    for name in PHASES:
        if name in c.setdefault("done", []):
            continue
        PHASE_STEPS[name](aws, defect, c)
        c["done"].append(name)
        if name == through:
            break
    return c


def capture(aws, directory):
    """The reads, one AWS CLI call per file, named <service>-<operation>[.<qualifier>].json."""
    def save(name, *args):
        (directory / f"{name}.json").write_text(aws(*args))

    (directory / "captured-at.txt").write_text(time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()) + "\n")
    for op in ("describe-vpcs", "describe-subnets", "describe-internet-gateways", "describe-route-tables",
               "describe-security-groups", "describe-instances", "describe-network-acls"):
        save(f"ec2-{op}", "ec2", op)
    reservations = json.loads((directory / "ec2-describe-instances.json").read_text())["Reservations"]
    for instance in [i["InstanceId"] for r in reservations for i in r["Instances"]]:
        save(f"ec2-describe-instance-attribute.userData.{instance}", "ec2", "describe-instance-attribute",
             "--instance-id", instance, "--attribute", "userData")
    save("elbv2-describe-load-balancers", "elbv2", "describe-load-balancers")
    save("elbv2-describe-target-groups", "elbv2", "describe-target-groups")
    for lb in json.loads((directory / "elbv2-describe-load-balancers.json").read_text())["LoadBalancers"]:
        name, arn = lb["LoadBalancerName"], lb["LoadBalancerArn"]
        save(f"elbv2-describe-listeners.{name}", "elbv2", "describe-listeners", "--load-balancer-arn", arn)
        save(f"elbv2-describe-load-balancer-attributes.{name}", "elbv2", "describe-load-balancer-attributes", "--load-balancer-arn", arn)
        for listener in json.loads((directory / f"elbv2-describe-listeners.{name}.json").read_text())["Listeners"]:
            save(f"elbv2-describe-rules.{name}.{listener['Port']}", "elbv2", "describe-rules", "--listener-arn", listener["ListenerArn"])
    for tg in json.loads((directory / "elbv2-describe-target-groups.json").read_text())["TargetGroups"]:
        name, arn = tg["TargetGroupName"], tg["TargetGroupArn"]
        save(f"elbv2-describe-target-health.{name}", "elbv2", "describe-target-health", "--target-group-arn", arn)
        save(f"elbv2-describe-target-group-attributes.{name}", "elbv2", "describe-target-group-attributes", "--target-group-arn", arn)
    save("route53-list-hosted-zones", "route53", "list-hosted-zones")
    zones = json.loads((directory / "route53-list-hosted-zones.json").read_text())["HostedZones"]
    for zone in zones:
        # name@ZONEID where two zones share the name (as the live reader names them).
        name = zone["Name"].rstrip(".")
        shared = sum(1 for z in zones if z["Name"].rstrip(".") == name) > 1
        save(f"route53-list-resource-record-sets.{name}" + (f"@{zone['Id'].rsplit('/', 1)[-1]}" if shared else ""),
             "route53", "list-resource-record-sets", "--hosted-zone-id", zone["Id"])
    for name in sorted({z["Name"].rstrip(".") for z in json.loads((directory / "route53-list-hosted-zones.json").read_text())["HostedZones"]
                        if not z.get("Config", {}).get("PrivateZone")}):
        # A domain registered elsewhere answers InvalidInput: then there is no file, as the live reader writes none.
        done = subprocess.run(["aws", "--endpoint-url", aws.endpoint, "--output", "json", "route53domains", "get-domain-detail",
                               "--region", "us-east-1", "--domain-name", name], env=aws.env, capture_output=True, text=True)
        if done.returncode == 0:
            (directory / f"route53domains-get-domain-detail.{name}.json").write_text(done.stdout)
        elif "InvalidInput" not in done.stderr:
            raise SystemExit(f"aws route53domains get-domain-detail {name} failed:\n{done.stderr}")
    save("acm-list-certificates", "acm", "list-certificates")
    for cert in json.loads((directory / "acm-list-certificates.json").read_text())["CertificateSummaryList"]:
        save(f"acm-describe-certificate.{cert['CertificateArn'].rsplit('/', 1)[-1]}", "acm", "describe-certificate",
             "--certificate-arn", cert["CertificateArn"])


# Host defects: (file, old text, new text) replacements in the copied host files.
HOST_DEFECTS = {
    "nginx-on-8080": [("etc/nginx/conf.d/00-default.conf", "listen 80 default_server;\n    listen [::]:80 default_server;",
                       "listen 8080 default_server;\n    listen [::]:8080 default_server;"),
                      ("etc/nginx/conf.d/app.glowcorp.io.conf", "listen 80;\n    listen [::]:80;", "listen 8080;\n    listen [::]:8080;"),
                      ("etc/nginx/conf.d/api.glowcorp.io.conf", "listen 80;\n    listen [::]:80;", "listen 8080;\n    listen [::]:8080;")],
    "proxy-pass-port-mismatch": [("etc/nginx/conf.d/app.glowcorp.io.conf", "proxy_pass http://127.0.0.1:3000;", "proxy_pass http://127.0.0.1:8080;")],
    "container-exited": [("docker-ps.jsonl", '"Ports":"127.0.0.1:3000->3000/tcp","RunningFor":"5 days ago","Size":"0B","State":"running","Status":"Up 5 days"',
                          '"Ports":"","RunningFor":"5 days ago","Size":"0B","State":"exited","Status":"Exited (1) 12 minutes ago"')],
    "port-not-published": [("docker-ps.jsonl", '"Ports":"127.0.0.1:3000->3000/tcp"', '"Ports":"3000/tcp"')],
    "keepalive-below-idle-timeout": [("etc/nginx/nginx.conf", "keepalive_timeout   75s;", "keepalive_timeout   30s;")],
    "scheme-redirect-loop": [("etc/nginx/conf.d/app.glowcorp.io.conf", "    location / {\n        proxy_pass http://127.0.0.1:3000;",
                              "    if ($scheme = http) {\n        return 301 https://$host$request_uri;\n    }\n\n"
                              "    location / {\n        proxy_pass http://127.0.0.1:3000;")],
    "no-health-location": [("etc/nginx/conf.d/00-default.conf", "    location = /health {\n        access_log off;\n        default_type text/plain;\n        return 200 \"ok\\n\";\n    }\n\n", "")],
}

AWS_DEFECTS = {
    "subnet-no-public-ip": "glowcorp-public-c does not give instances a public IP (MapPublicIpOnLaunch false)",
    "igw-detached": "glowcorp-igw was detached from glowcorp-vpc after the setup was built",
    "no-default-route": "glowcorp-public-rt has no 0.0.0.0/0 route to the internet gateway",
    "subnet-on-main-route-table": "glowcorp-public-c is not associated with glowcorp-public-rt (it uses the VPC's main table)",
    "internal-alb": "glowcorp-alb is created with scheme internal",
    "alb-in-one-az": "glowcorp-alb has only the subnet in ap-northeast-2a (moto accepts this; real AWS rejects it)",
    "alb-sg-without-80": "glowcorp-alb-sg admits 443 but not 80",
    "instance-sg-open-to-world": "glowcorp-web-sg admits port 80 from 0.0.0.0/0 instead of from glowcorp-alb-sg",
    "target-group-type-ip": "glowcorp-web-tg has target type ip (targets registered by private IP)",
    "target-group-port-8080": "glowcorp-web-tg sends to port 8080 while nginx listens on 80",
    "no-registered-targets": "no instance is registered in glowcorp-web-tg",
    "wrong-health-check-path": "glowcorp-web-tg checks /healthz, which nginx does not answer",
    "stopped-instance": "glowcorp-web-2 is stopped",
    "listener-missing": "glowcorp-alb has no listener",
    "listener-to-wrong-target-group": "the 443 listener forwards to glowcorp-tg-old, which has no targets",
    "alb-sg-without-443": "glowcorp-alb-sg admits 80 but not 443, beside the HTTPS listener",
    "certificate-expiring": "the 443 listener's certificate is an imported one that expires 10 days after the build",
    "certificate-missing-name": "the 443 listener's certificate covers only app.glowcorp.io, not api.glowcorp.io",
    "http-not-redirected": "the :80 listener forwards plain HTTP to glowcorp-web-tg beside the HTTPS listener",
    "nacl-blocks-replies": "both public subnets use lesson 14's glowcorp-public-acl, which admits the requests but has no inbound rule for the replies from the VPC (ephemeral ports 1024-65535)",
    "registrar-other-name-servers": "the registered domain glowcorp.io names other name servers than the hosted zone's NS record",
    "duplicate-hosted-zone": "a second public zone glowcorp.io (lesson 9's create-hosted-zone after registration made one) holds the records (moto gives both zones the same name servers, so which one the registrar uses cannot be told; real Route 53 gives each its own)",
    "cname-at-apex": "a CNAME record at the zone apex glowcorp.io (moto accepts it; real Route 53 rejects it)",
    "no-record-for-api": "there is no record for api.glowcorp.io",
    "record-to-old-alb": "app and api point at glowcorp-alb-2025, an ALB that was deleted",
}
HOST_DESCRIPTIONS = {
    "nginx-on-8080": "nginx listens on 8080 while the target group sends to 80",
    "proxy-pass-port-mismatch": "app.glowcorp.io proxies to 127.0.0.1:8080 but glow-app is published on 3000",
    "container-exited": "glow-app has exited",
    "port-not-published": "glow-app exposes 3000/tcp but publishes no host port",
    "keepalive-below-idle-timeout": "nginx keepalive_timeout is 30s, below the ALB's 60s idle timeout",
    "scheme-redirect-loop": "app.glowcorp.io redirects when $scheme = http, which is always true behind the ALB",
    "no-health-location": "the default server has no /health location",
}


def write(directory, defect, description):
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    return directory


def host_files(directory, defect):
    if (directory / "etc").exists():
        shutil.rmtree(directory / "etc")
    shutil.copytree(HOST / "etc", directory / "etc")
    shutil.copy(HOST / "docker-ps.jsonl", directory / "docker-ps.jsonl")
    for file, old, new in HOST_DEFECTS.get(defect, []):
        path = directory / file
        text = path.read_text()
        if old not in text:
            raise SystemExit(f"{defect}: '{old[:40]}…' not found in {file}")
        path.write_text(text.replace(old, new, 1))


def readme(directory, title, description):
    (directory / "README.md").write_text(
        f"# {title}\n\n{description}\n\n"
        "Built by `scripts/build_fixtures.py`: the AWS files are the unmodified output of the AWS CLI "
        "(awscli 1.x) against moto_server (ids seeded, so a rebuild makes the same ones), after building the setup with AWS CLI "
        "commands; `captured-at.txt` says when, so a certificate's expiry is judged at that time; the host files come "
        "from `Fixtures/host/` (docker lines in `docker ps --format '{{json .}}'` form; no Docker engine ran). "
        "moto reports every registered running target `healthy`, so target health here is not evidence.\n")


def main():
    args = sys.argv[1:]
    host_only = "--host-only" in args
    wanted = [a for a in args if a != "--host-only"]
    variants = [("glowcorp", None)] + [(f"broken/{name}", name) for name in list(AWS_DEFECTS) + list(HOST_DEFECTS)]
    if wanted:
        variants = [v for v in variants if v[0] in wanted or (v[1] in wanted)]
    if host_only:
        for path, defect in variants:
            host_files(OUT / path, defect)
            print(f"refreshed host files of Fixtures/{path}")
        return
    moto = Moto()
    try:
        aws = AWS(moto)
        for path, defect in variants:
            directory = write(OUT / path, defect, None)
            moto.reset()
            build(aws, defect if defect in AWS_DEFECTS else None)
            capture(aws, directory)
            host_files(directory, defect)
            if defect is None:
                readme(directory, "glowcorp: the intended setup", "Everything as the course teaches it; every check passes.")
            else:
                readme(directory, f"broken: {defect}", "One defect: " + (AWS_DEFECTS.get(defect) or HOST_DESCRIPTIONS[defect]) + ".")
            print(f"built Fixtures/{path}", flush=True)
    finally:
        moto.stop()


if __name__ == "__main__":
    main()
