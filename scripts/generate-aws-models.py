#!/usr/bin/env python3
"""Writes Sources/AWSRead/Generated/ServiceModels.swift: the parts of botocore's service models that
glow-onboard's live reader needs to turn AWS responses into exactly what the AWS CLI prints.

For each operation the reader may call (the read-only allowlist in Sources/AWSRead/ReadOnly.swift), it
keeps the output shape tree (member names, XML names, flattened lists, scalar types), the result
wrapper, the HTTP binding and the paginator (tokens, result keys). botocore is the AWS CLI's own model,
so this is the same data the CLI parses with. Run it after upgrading awscli/botocore:

    pip install awscli && scripts/generate-aws-models.py
"""
import json
from pathlib import Path

import botocore
import botocore.session

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Sources/AWSRead/Generated/ServiceModels.swift"

OPERATIONS = {
    "ec2": ["DescribeVpcs", "DescribeSubnets", "DescribeInternetGateways", "DescribeRouteTables",
            "DescribeSecurityGroups", "DescribeInstances", "DescribeInstanceAttribute", "DescribeNetworkAcls"],
    "elbv2": ["DescribeLoadBalancers", "DescribeTargetGroups", "DescribeListeners", "DescribeRules",
              "DescribeLoadBalancerAttributes", "DescribeTargetHealth", "DescribeTargetGroupAttributes"],
    "route53": ["ListHostedZones", "ListResourceRecordSets"],
    "acm": ["ListCertificates", "DescribeCertificate"],
    "route53domains": ["GetDomainDetail"],
}

# Services with one endpoint in one region whatever the caller's region, which botocore's model does not
# say as a global endpoint: Route 53 domain registration is served only from us-east-1
# (route53domains.us-east-1.amazonaws.com, "Amazon Route 53 endpoints and quotas" in the AWS General Reference).
ONLY_REGION = {"route53domains": "us-east-1"}


def main():
    session = botocore.session.get_session()
    loader = session.get_component("data_loader")
    out = {"botocore": botocore.__version__, "services": {}, "shapes": {}}
    for service, operations in OPERATIONS.items():
        model = loader.load_service_model(service, "service-2")
        try:
            paginators = loader.load_service_model(service, "paginators-1")["pagination"]
        except Exception:
            paginators = {}
        meta = model["metadata"]
        shapes = model["shapes"]
        entry = {
            "protocol": meta["protocol"], "apiVersion": meta["apiVersion"], "endpointPrefix": meta["endpointPrefix"],
            "signingName": meta.get("signingName", meta["endpointPrefix"]), "serviceId": meta["serviceId"],
            "globalEndpoint": meta.get("globalEndpoint"), "targetPrefix": meta.get("targetPrefix"),
            "jsonVersion": meta.get("jsonVersion"), "onlyRegion": ONLY_REGION.get(service), "operations": {},
        }
        prefix = service + "."

        def add(name):
            key = prefix + name
            if key in out["shapes"]:
                return
            s = shapes[name]
            t = s["type"]
            compact = {"t": t}
            out["shapes"][key] = compact
            if t == "structure":
                compact["m"] = []
                for member, ref in s.get("members", {}).items():
                    if ref.get("location"):
                        continue  # headers, status codes: not in a body
                    target = shapes[ref["shape"]]
                    m = {"n": member, "s": prefix + ref["shape"]}
                    if ref.get("locationName"):
                        m["x"] = ref["locationName"]
                    if ref.get("flattened") or target.get("flattened"):
                        m["f"] = True
                    compact["m"].append(m)
                    add(ref["shape"])
            elif t == "list":
                ref = s["member"]
                compact["e"] = prefix + ref["shape"]
                if ref.get("locationName"):
                    compact["x"] = ref["locationName"]
                if s.get("flattened"):
                    compact["f"] = True
                add(ref["shape"])
            elif t == "map":
                compact["k"] = prefix + s["key"]["shape"]
                compact["v"] = prefix + s["value"]["shape"]
                compact["kx"] = s["key"].get("locationName", "key")
                compact["vx"] = s["value"].get("locationName", "value")
                if s.get("flattened"):
                    compact["f"] = True
                add(s["key"]["shape"])
                add(s["value"]["shape"])

        for op in operations:
            o = model["operations"][op]
            output = o.get("output", {})
            e = {"http": {"method": o["http"]["method"], "uri": o["http"]["requestUri"]}}
            if output.get("shape"):
                e["output"] = prefix + output["shape"]
                add(output["shape"])
            if output.get("resultWrapper"):
                e["wrapper"] = output["resultWrapper"]
            if o.get("input", {}).get("shape"):
                inp = shapes[o["input"]["shape"]]
                # Where each input member goes for rest protocols (uri, querystring).
                e["input"] = {m: {k: v for k, v in ref.items() if k in ("location", "locationName")}
                              for m, ref in inp.get("members", {}).items()}
            if op in paginators:
                p = paginators[op]
                listify = lambda v: v if isinstance(v, list) else ([v] if v else [])
                e["paginator"] = {"input": listify(p["input_token"]), "output": listify(p["output_token"]),
                                  "result": listify(p["result_key"]), "more": p.get("more_results"),
                                  "nonAggregate": p.get("non_aggregate_keys", [])}
            entry["operations"][op] = e
        out["services"][service] = entry
    text = json.dumps(out, sort_keys=True, separators=(",", ":"))
    assert '"""#' not in text
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        "// Generated by scripts/generate-aws-models.py from botocore " + botocore.__version__ + " (Apache-2.0):\n"
        "// the output shapes, HTTP bindings and paginators of the operations the live reader calls.\n"
        "// Do not edit; rerun the script.\n\n"
        "enum ServiceModelsData {\n    static let json = #\"\"\"\n" + text + "\n\"\"\"#\n}\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(out['shapes'])} shapes, {len(text)} bytes")


if __name__ == "__main__":
    main()
