"""A local Identity Center for the live tests: moto_server behind a front that answers what
moto lacks, and throttles or fails on request, as AWS may.

Usage: identity-center-front.py MOTO_ENDPOINT [--throttle-rate N] [--throttle-share F]
       [--error-share F] [--log FILE] [--provisioned FILE]
Prints the port it listens on (127.0.0.1), then serves until killed.

- What moto lacks or ignores, answered as AWS answers an Identity Center that has none of
  it: a permission set's permissions boundary (ResourceNotFoundException), its tags (none),
  the accounts provisioned with an older version (none: moto ignores the status filter).
- --throttle-rate N: a request beyond N in the last second is answered 400
  ThrottlingException (a throttled request does not count).
- --throttle-share F, --error-share F: that share of requests, chosen by a seeded random
  generator, is answered 400 ThrottlingException, or 500 InternalServerException.
- --provisioned FILE: a JSON object from account ids to permission set ARNs, the answer to
  ListPermissionSetsProvisionedToAccount (moto ignores the account and lists every permission
  set it provisioned; AWS lists only those provisioned to that account).
- --log FILE: one line per request, "ARRIVAL_SECONDS TARGET STATUS AGENT" (the status "throttled"
  or "failed" for what the front refused; the agent the User-Agent's name: orgprofile, aws-cli).
Everything else goes to moto unchanged.
"""
import argparse
import collections
import http.client
import http.server
import json
import random
import sys
import threading
import time
import urllib.parse

parser = argparse.ArgumentParser()
parser.add_argument("moto")
parser.add_argument("--throttle-rate", type=float)
parser.add_argument("--throttle-share", type=float, default=0.0)
parser.add_argument("--error-share", type=float, default=0.0)
parser.add_argument("--log")
parser.add_argument("--provisioned")
options = parser.parse_args()
moto = urllib.parse.urlsplit(options.moto)

lock = threading.Lock()
recent = collections.deque()
chance = random.Random(7)
log = open(options.log, "a", buffering=1) if options.log else None
provisioned = json.load(open(options.provisioned)) if options.provisioned else None

ANSWERS = {
    "SWBExternalService.GetPermissionsBoundaryForPermissionSet": (
        400, {"__type": "ResourceNotFoundException", "Message": "No permissions boundary"}),
    "SWBExternalService.ListTagsForResource": (200, {"Tags": []}),
    "SWBExternalService.ListAccountsForProvisionedPermissionSet": (200, {"AccountIds": []}),
}


class Front(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, headers, body):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def json(self, status, document):
        headers = [("Content-Type", "application/x-amz-json-1.1")]
        if status >= 400:
            headers.append(("x-amzn-ErrorType", document["__type"]))
        self.answer(status, headers, json.dumps(document).encode())

    def decide(self):
        """None to go on, or the (status, document) of a throttled or failed request."""
        with lock:
            now = time.monotonic()
            while recent and recent[0] <= now - 1:
                recent.popleft()
            roll = chance.random()
            if options.throttle_rate is not None and len(recent) >= options.throttle_rate or roll < options.throttle_share:
                return 400, {"__type": "ThrottlingException", "message": "Rate exceeded"}
            if roll < options.throttle_share + options.error_share:
                return 500, {"__type": "InternalServerException", "message": "Internal failure"}
            recent.append(now)
            return None

    def do_POST(self):
        arrived = time.monotonic()
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        target = self.headers.get("X-Amz-Target", "")
        refused = self.decide()
        outcome = refused or ANSWERS.get(target)
        if not outcome and provisioned is not None and target == "SWBExternalService.ListPermissionSetsProvisionedToAccount":
            outcome = (200, {"PermissionSets": provisioned.get(json.loads(body).get("AccountId"), [])})
        if outcome:
            status = ("throttled" if outcome[0] == 400 else "failed") if refused else outcome[0]
            self.json(*outcome)
        else:
            connection = http.client.HTTPConnection(moto.hostname, moto.port, timeout=60)
            headers = {name: value for name, value in self.headers.items() if name.lower() not in ("host", "connection")}
            connection.request("POST", self.path, body, headers)
            response = connection.getresponse()
            content = response.read()
            status = response.status
            kept = [(n, v) for n, v in response.getheaders() if n.lower() not in ("content-length", "connection", "transfer-encoding", "server", "date")]
            connection.close()
            self.answer(status, kept, content)
        if log:
            agent = (self.headers.get("User-Agent") or "-").split("/")[0]
            log.write(f"{arrived:.6f} {target} {status} {agent}\n")


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Front)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
