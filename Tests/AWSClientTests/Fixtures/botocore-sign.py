"""Signs requests with botocore's SigV4Auth, at a fixed time, for SigV4Tests.

Reads a JSON list of requests from standard input ({method, url, headers: [[name, value]],
body (text), access_key, secret_key, token, region, service, time (yyyymmddThhmmssZ)}) and
prints, per request, the headers botocore adds, as a JSON list of {name: value} objects.
"""
import datetime
import json
import sys
from unittest import mock

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

results = []
for case in json.load(sys.stdin):
    request = AWSRequest(method=case["method"], url=case["url"], data=case["body"].encode("utf-8"))
    for name, value in case["headers"]:
        # Appends: a repeated name keeps every value, in order.
        request.headers[name] = value
    credentials = Credentials(case["access_key"], case["secret_key"], case.get("token"))
    now = datetime.datetime.strptime(case["time"], "%Y%m%dT%H%M%SZ")
    with mock.patch("botocore.auth.get_current_datetime", return_value=now):
        SigV4Auth(credentials, case["service"], case["region"]).add_auth(request)
    results.append({name: request.headers[name] for name in ("Authorization", "X-Amz-Date", "X-Amz-Security-Token") if name in request.headers})
print(json.dumps(results))
