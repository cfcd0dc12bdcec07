"""The live read's benchmark (docs/performance.md, issue 24): a local Identity Center (moto_server
behind the live tests' front) seeded with a large organisation, read by orgprofile in-process,
by orgprofile through the aws command (one process per call), and by a boto3 reader making
the same calls from one process with threads (the in-process peer). Rounds are interleaved.

Usage: live-bench.py ORGPROFILE [--accounts 300] [--permission-sets 40] [--groups 200]
       [--users 2000] [--rounds 1] [--cli-rounds 1] [--jobs 8]
Prints each reader's calls, seconds and CPU seconds per round, and checks the two orgprofile snapshots
are the same bytes.
"""
import argparse
import concurrent.futures
import json
import os
import random
import resource
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import boto3

parser = argparse.ArgumentParser()
parser.add_argument("orgprofile")
parser.add_argument("--accounts", type=int, default=300)
parser.add_argument("--permission-sets", type=int, default=40)
parser.add_argument("--groups", type=int, default=200)
parser.add_argument("--users", type=int, default=2000)
parser.add_argument("--rounds", type=int, default=1)
parser.add_argument("--jobs", type=int, default=8)
parser.add_argument("--cli-rounds", type=int, default=1, help="rounds that also read through the aws command (slow)")
options = parser.parse_args()
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
work = tempfile.mkdtemp(prefix="live-bench-")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


port = free_port()
moto = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
endpoint = f"http://127.0.0.1:{port}"
for _ in range(100):
    try:
        urllib.request.urlopen(endpoint + "/moto-api/", timeout=1)
        break
    except Exception:
        time.sleep(0.1)
log = os.path.join(work, "front.log")
provisioned_file = os.path.join(work, "provisioned.json")
front = None

try:
    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
    org = session.client("organizations", endpoint_url=endpoint)
    sso = session.client("sso-admin", endpoint_url=endpoint)
    ids = session.client("identitystore", endpoint_url=endpoint)

    # The seed: accounts in ten OUs, permission sets provisioned where groups hold them, groups
    # each holding two permission sets on fifteen accounts, users in three groups each.
    started = time.monotonic()
    chance = random.Random(1)
    provisioned = {}
    org.create_organization(FeatureSet="ALL")
    root_id = org.list_roots()["Roots"][0]["Id"]
    units = [org.create_organizational_unit(ParentId=root_id, Name=f"Unit-{n}")["OrganizationalUnit"]["Id"] for n in range(10)]
    accounts = []
    for n in range(options.accounts):
        created = org.create_account(AccountName=f"Account {n}", Email=f"account{n}@bench.example")["CreateAccountStatus"]["AccountId"]
        org.move_account(AccountId=created, SourceParentId=root_id, DestinationParentId=units[n % 10])
        org.tag_resource(ResourceId=created, Tags=[{"Key": "team", "Value": f"team-{n % 7}"}])
        accounts.append(created)
    instance = sso.list_instances()["Instances"][0]
    arn, store = instance["InstanceArn"], instance["IdentityStoreId"]
    sets = [sso.create_permission_set(InstanceArn=arn, Name=f"Set{n}", SessionDuration="PT4H")["PermissionSet"]["PermissionSetArn"]
            for n in range(options.permission_sets)]
    users = [ids.create_user(IdentityStoreId=store, UserName=f"user{n}", DisplayName=f"User {n}",
                             Name={"GivenName": "User", "FamilyName": str(n)})["UserId"] for n in range(options.users)]
    groups = [ids.create_group(IdentityStoreId=store, DisplayName=f"Group {n}")["GroupId"] for n in range(options.groups)]
    for user in users:
        for group in chance.sample(groups, min(3, len(groups))):
            ids.create_group_membership(IdentityStoreId=store, GroupId=group, MemberId={"UserId": user})
    for group in groups:
        for permission_set in chance.sample(sets, min(2, len(sets))):
            for account in chance.sample(accounts, min(15, len(accounts))):
                provisioned.setdefault(account, set()).add(permission_set)
                sso.create_account_assignment(InstanceArn=arn, TargetId=account, TargetType="AWS_ACCOUNT", PermissionSetArn=permission_set,
                                              PrincipalType="GROUP", PrincipalId=group)
    for permission_set in sets:
        sso.provision_permission_set(InstanceArn=arn, PermissionSetArn=permission_set, TargetType="ALL_PROVISIONED_ACCOUNTS")
    with open(provisioned_file, "w") as out:
        json.dump({account: sorted(arns) for account, arns in provisioned.items()}, out)
    print(f"seeded {options.accounts} accounts, {options.permission_sets} permission sets, {options.groups} groups, "
          f"{options.users} users in {time.monotonic() - started:.0f} s", flush=True)
    # The front answers which permission sets are provisioned to each account as AWS does (moto
    # lists every one it provisioned for every account).
    front = subprocess.Popen(
        [sys.executable, os.path.join(root, "Tests/OrgProfileCLITests/Fixtures/identity-center-front.py"), endpoint,
         "--log", log, "--provisioned", provisioned_file],
        stdout=subprocess.PIPE)
    front_endpoint = f"http://127.0.0.1:{front.stdout.readline().decode().strip()}"

    def boto3_read():
        """The snapshot's enumeration with boto3, `jobs` threads: what a Python reader does."""
        client = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
        config = boto3.session.Config(max_pool_connections=options.jobs, retries={"mode": "adaptive", "max_attempts": 5})
        o = client.client("organizations", endpoint_url=front_endpoint, config=config)
        s = client.client("sso-admin", endpoint_url=front_endpoint, config=config)
        i = client.client("identitystore", endpoint_url=front_endpoint, config=config)

        def every(client, operation, key, **arguments):
            return [item for page in client.get_paginator(operation).paginate(**arguments) for item in page[key]]

        def call(function, *args, **kwargs):
            try:
                return function(*args, **kwargs)
            except Exception as error:
                return error

        with concurrent.futures.ThreadPoolExecutor(options.jobs) as pool:
            instance = s.list_instances()["Instances"][0]
            a, st = instance["InstanceArn"], instance["IdentityStoreId"]
            first = [pool.submit(call, o.describe_organization), pool.submit(call, o.list_delegated_administrators, ServicePrincipal="sso.amazonaws.com"),
                     pool.submit(every, o, "list_accounts", "Accounts"), pool.submit(every, s, "list_permission_sets", "PermissionSets", InstanceArn=a),
                     pool.submit(every, i, "list_users", "Users", IdentityStoreId=st), pool.submit(every, i, "list_groups", "Groups", IdentityStoreId=st)]
            _, _, accounts, sets, _, groups = [f.result() for f in first]
            work = []
            for p in sets:
                work += [pool.submit(call, s.describe_permission_set, InstanceArn=a, PermissionSetArn=p),
                         pool.submit(call, every, s, "list_managed_policies_in_permission_set", "AttachedManagedPolicies", InstanceArn=a, PermissionSetArn=p),
                         pool.submit(call, every, s, "list_customer_managed_policy_references_in_permission_set", "CustomerManagedPolicyReferences", InstanceArn=a, PermissionSetArn=p),
                         pool.submit(call, s.get_inline_policy_for_permission_set, InstanceArn=a, PermissionSetArn=p),
                         pool.submit(call, s.get_permissions_boundary_for_permission_set, InstanceArn=a, PermissionSetArn=p),
                         pool.submit(call, s.list_tags_for_resource, InstanceArn=a, ResourceArn=p),
                         pool.submit(call, s.list_accounts_for_provisioned_permission_set, InstanceArn=a, PermissionSetArn=p, ProvisioningStatus="LATEST_PERMISSION_SET_NOT_PROVISIONED")]
            work += [pool.submit(every, i, "list_group_memberships", "GroupMemberships", IdentityStoreId=st, GroupId=g["GroupId"]) for g in groups]
            provisioned = {acc["Id"]: pool.submit(every, s, "list_permission_sets_provisioned_to_account", "PermissionSets", InstanceArn=a, AccountId=acc["Id"]) for acc in accounts}
            for f in work:
                f.result()
            pairs = [(account, p) for account, f in provisioned.items() for p in f.result()]
            assignments = [pool.submit(every, s, "list_account_assignments", "AccountAssignments", InstanceArn=a, AccountId=account, PermissionSetArn=p)
                           for account, p in pairs]
            roots = o.list_roots()["Roots"]
            level = [r["Id"] for r in roots]
            while level:
                units = [pool.submit(every, o, "list_organizational_units_for_parent", "OrganizationalUnits", ParentId=p) for p in level]
                children = [pool.submit(every, o, "list_accounts_for_parent", "Accounts", ParentId=p) for p in level]
                [f.result() for f in children]
                level = [u["Id"] for f in units for u in f.result()]
            tags = [pool.submit(every, o, "list_tags_for_resource", "Tags", ResourceId=acc["Id"]) for acc in accounts]
            [f.result() for f in assignments + tags]

    environment = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    environment.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION="us-east-1",
                       AWS_CONFIG_FILE="/nonexistent", AWS_SHARED_CREDENTIALS_FILE="/nonexistent", AWS_ENDPOINT_URL=front_endpoint)

    def cpu_seconds():
        """CPU time of this process (the boto3 reader) and of its finished children (orgprofile,
        and the aws processes it started)."""
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    def calls_since(mark):
        with open(log) as lines:
            return sum(1 for _ in lines) - mark

    readers = [("orgprofile in-process", ["--calls", "in-process"]), ("boto3 with threads", None)]
    outputs = {}
    for round in range(options.rounds):
        cli = [("orgprofile through aws", ["--calls", "aws-cli"])] if round < options.cli_rounds else []
        for name, flags in readers + cli:
            mark = calls_since(0)
            started = time.monotonic()
            cpu = cpu_seconds()
            if flags is None:
                boto3_read()
            else:
                result = subprocess.run([options.orgprofile, "snapshot", "--jobs", str(options.jobs)] + flags, env=environment,
                                        capture_output=True, text=True)
                if result.returncode != 0:
                    sys.exit(f"{name}: {result.stderr}")
                outputs.setdefault(name, result.stdout)
                if outputs[name] != result.stdout:
                    sys.exit(f"{name}: two rounds read differently")
            print(f"round {round + 1}: {name}: {calls_since(mark)} calls, {time.monotonic() - started:.1f} s, "
                  f"{cpu_seconds() - cpu:.1f} s of CPU", flush=True)
    snapshots = set(outputs.values())
    print("the orgprofile snapshots are the same bytes" if len(snapshots) == 1 else "THE ORGPROFILE SNAPSHOTS DIFFER")
finally:
    if front:
        front.kill()
    moto.kill()
