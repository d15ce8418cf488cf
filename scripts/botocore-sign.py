#!/usr/bin/env python3
"""Signs one request with botocore's SigV4Auth at a given timestamp and prints the Authorization
header: the reference the Swift signer is compared with (Tests/AWSReadTests/SigV4Tests.swift).
Reads JSON on stdin: method, url, headers, body, key, secret, token, service, region, timestamp."""
import json, sys
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

d = json.load(sys.stdin)
request = AWSRequest(method=d["method"], url=d["url"], data=d["body"].encode(), headers=d["headers"])
auth = SigV4Auth(Credentials(d["key"], d["secret"], d.get("token")), d["service"], d["region"])
request.context["timestamp"] = d["timestamp"]
auth._modify_request_before_signing(request)
canonical = auth.canonical_request(request)
signature = auth.signature(auth.string_to_sign(request, canonical), request)
auth._inject_signature_to_request(request, signature)
print(request.headers["Authorization"])
