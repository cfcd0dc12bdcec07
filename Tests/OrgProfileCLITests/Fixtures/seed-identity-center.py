"""Seeds a moto server with a realistic organisation for the live tests.

Usage: seed-identity-center.py ENDPOINT [STEP]
Without STEP: creates the organisation and prints its ids as JSON. With STEP, applies one
change to an already seeded server (see CHANGES) and prints nothing.

Everything goes through boto3's public API, as an admin's scripts would, so what works here
also works against AWS. moto does not provision a permission set when an assignment is
created (AWS does); the seeding provisions each permission set explicitly, which is what
AWS has done anyway.
"""
import json
import sys

import boto3

endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
org = session.client("organizations", endpoint_url=endpoint)
sso = session.client("sso-admin", endpoint_url=endpoint)
ids = session.client("identitystore", endpoint_url=endpoint)


def instance():
    found = sso.list_instances()["Instances"][0]
    return found["InstanceArn"], found["IdentityStoreId"]


def by_name(kind):
    """Accounts, permission sets, users and groups by the names the seed gave them."""
    arn, store = instance()
    if kind == "accounts":
        return {a["Name"]: a["Id"] for a in org.list_accounts()["Accounts"]}
    if kind == "permission_sets":
        sets = sso.list_permission_sets(InstanceArn=arn)["PermissionSets"]
        return {sso.describe_permission_set(InstanceArn=arn, PermissionSetArn=s)["PermissionSet"]["Name"]: s for s in sets}
    if kind == "users":
        return {u["UserName"]: u["UserId"] for u in ids.list_users(IdentityStoreId=store)["Users"]}
    return {g["DisplayName"]: g["GroupId"] for g in ids.list_groups(IdentityStoreId=store)["Groups"]}


def assignment(account, permission_set, principal_type, principal):
    """The arguments that name one account assignment."""
    arn, _ = instance()
    return dict(
        InstanceArn=arn, TargetId=by_name("accounts")[account], TargetType="AWS_ACCOUNT",
        PermissionSetArn=by_name("permission_sets")[permission_set], PrincipalType=principal_type,
        PrincipalId=(by_name("users") if principal_type == "USER" else by_name("groups"))[principal])


def assign(*names):
    sso.create_account_assignment(**assignment(*names))


def unassign(*names):
    sso.delete_account_assignment(**assignment(*names))


def seed():
    org.create_organization(FeatureSet="ALL")
    for name, email in [("Infrastructure", "infra@acme.example"), ("Workload Development", "dev@acme.example"),
                        ("Workload Production (EU)", "prod@acme.example"), ("Data & Analytics", "data@acme.example")]:
        org.create_account(AccountName=name, Email=email)
    accounts = by_name("accounts")
    # moto refuses sso.amazonaws.com as a delegated-administrator service principal, so the
    # delegated administrator stays unknown here, as it is for a reader without that right.
    arn, store = instance()
    for name, duration in [("AdministratorAccess", "PT1H"), ("Developer", "PT8H"), ("ReadOnlyAccess", "PT8H"), ("UserManagement", "PT4H")]:
        created = sso.create_permission_set(InstanceArn=arn, Name=name, SessionDuration=duration, Description=f"{name} for acme")
        sso.provision_permission_set(InstanceArn=arn, PermissionSetArn=created["PermissionSet"]["PermissionSetArn"], TargetType="ALL_PROVISIONED_ACCOUNTS")
    people = [("alice@acme.example", "Alice Example"), ("bob@acme.example", "Bob Builder"),
              ("carol@acme.example", "Carol Jones"), ("dave.ops@acme.example", "Dave Ops")]
    for user, display in people:
        given, family = display.split(" ", 1)
        ids.create_user(IdentityStoreId=store, UserName=user, DisplayName=display, Name={"GivenName": given, "FamilyName": family},
                        Emails=[{"Value": user, "Type": "work", "Primary": True}])
    for group, description in [("Platform Team", "Administers every account"), ("App Developers", "Application developers"),
                               ("Auditors", "Read-only everywhere")]:
        ids.create_group(IdentityStoreId=store, DisplayName=group, Description=description)
    users, groups = by_name("users"), by_name("groups")
    for group, user in [("Platform Team", "alice@acme.example"), ("App Developers", "bob@acme.example"),
                        ("Auditors", "bob@acme.example"), ("App Developers", "carol@acme.example"), ("Platform Team", "dave.ops@acme.example")]:
        ids.create_group_membership(IdentityStoreId=store, GroupId=groups[group], MemberId={"UserId": users[user]})
    for account in accounts:
        assign(account, "AdministratorAccess", "GROUP", "Platform Team")
        assign(account, "ReadOnlyAccess", "GROUP", "Auditors")
    assign("Workload Development", "Developer", "GROUP", "App Developers")
    assign("Workload Development", "ReadOnlyAccess", "GROUP", "App Developers")
    assign("Workload Production (EU)", "ReadOnlyAccess", "GROUP", "App Developers")
    assign("Infrastructure", "UserManagement", "USER", "carol@acme.example")
    assign("Data & Analytics", "Developer", "USER", "carol@acme.example")
    json.dump({"instance_arn": arn, "identity_store_id": store, "accounts": accounts}, sys.stdout, sort_keys=True)


CHANGES = {
    # Access granted outside org.yaml.
    "grant-direct": lambda: assign("Workload Production (EU)", "AdministratorAccess", "USER", "bob@acme.example"),
    # Access org.yaml promises, taken away.
    "revoke-group": lambda: unassign("Workload Development", "Developer", "GROUP", "App Developers"),
    # A membership added and one removed behind org.yaml's back.
    "add-member": lambda: ids.create_group_membership(
        IdentityStoreId=instance()[1], GroupId=by_name("groups")["Platform Team"], MemberId={"UserId": by_name("users")["carol@acme.example"]}),
    "remove-member": lambda: ids.delete_group_membership(
        IdentityStoreId=instance()[1], MembershipId=next(
            m["MembershipId"] for m in ids.list_group_memberships(IdentityStoreId=instance()[1], GroupId=by_name("groups")["Auditors"])["GroupMemberships"]
            if m["MemberId"]["UserId"] == by_name("users")["bob@acme.example"])),
    # A user deleted in Identity Center that org.yaml still names.
    "delete-user": lambda: ids.delete_user(IdentityStoreId=instance()[1], UserId=by_name("users")["dave.ops@acme.example"]),
}

def define():
    """What Developer and ReadOnlyAccess grant: managed policies, a customer-managed reference, an inline policy."""
    arn, _ = instance()
    sets = by_name("permission_sets")
    sso.attach_managed_policy_to_permission_set(
        InstanceArn=arn, PermissionSetArn=sets["Developer"], ManagedPolicyArn="arn:aws:iam::aws:policy/PowerUserAccess")
    sso.attach_customer_managed_policy_reference_to_permission_set(
        InstanceArn=arn, PermissionSetArn=sets["Developer"], CustomerManagedPolicyReference={"Name": "deploy", "Path": "/ci/"})
    sso.put_inline_policy_to_permission_set(InstanceArn=arn, PermissionSetArn=sets["Developer"], InlinePolicy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Sid": "NoAccountSettings", "Effect": "Deny", "Action": ["account:*", "iam:CreateUser"], "Resource": "*"}]}))
    sso.attach_managed_policy_to_permission_set(
        InstanceArn=arn, PermissionSetArn=sets["ReadOnlyAccess"], ManagedPolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")


def redefine():
    """Three changes made in the console: the inline policy's meaning, a managed policy attached, a session duration."""
    arn, _ = instance()
    sets = by_name("permission_sets")
    sso.put_inline_policy_to_permission_set(InstanceArn=arn, PermissionSetArn=sets["Developer"], InlinePolicy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Sid": "NoAccountSettings", "Effect": "Allow", "Action": ["account:*", "iam:CreateUser"], "Resource": "*"}]}))
    sso.attach_managed_policy_to_permission_set(
        InstanceArn=arn, PermissionSetArn=sets["ReadOnlyAccess"], ManagedPolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")
    # moto clears what an update leaves out (AWS keeps it), so the description is given again.
    sso.update_permission_set(InstanceArn=arn, PermissionSetArn=sets["Developer"], SessionDuration="PT2H", Description="Developer for acme")


CHANGES["define"] = define
CHANGES["redefine"] = redefine



def ou_ids():
    """Each OU's id by its path from the root (Workloads/Prod), and the root's as "/"."""
    root = org.list_roots()["Roots"][0]["Id"]
    found, level = {"/": root}, [(root, "")]
    while level:
        parent, path = level.pop()
        for unit in org.list_organizational_units_for_parent(ParentId=parent)["OrganizationalUnits"]:
            child = unit["Name"] if not path else path + "/" + unit["Name"]
            found[child] = unit["Id"]
            level.append((unit["Id"], child))
    return found


def move(account, path):
    accounts = by_name("accounts")
    current = org.list_parents(ChildId=accounts[account])["Parents"][0]["Id"]
    org.move_account(AccountId=accounts[account], SourceParentId=current, DestinationParentId=ou_ids()[path])


def place():
    """An OU tree: Workloads (Dev, Prod) and Infrastructure; the workload accounts tagged by team.
    App Developers' ReadOnlyAccess then covers exactly the accounts of Workloads."""
    root = ou_ids()["/"]
    workloads = org.create_organizational_unit(ParentId=root, Name="Workloads")["OrganizationalUnit"]["Id"]
    for name in ["Dev", "Prod"]:
        org.create_organizational_unit(ParentId=workloads, Name=name)
    org.create_organizational_unit(ParentId=root, Name="Infrastructure")
    move("Workload Development", "Workloads/Dev")
    move("Workload Production (EU)", "Workloads/Prod")
    move("Infrastructure", "Infrastructure")
    accounts = by_name("accounts")
    for account in ["Workload Development", "Workload Production (EU)"]:
        org.tag_resource(ResourceId=accounts[account], Tags=[{"Key": "team", "Value": "apps"}])


CHANGES["place"] = place
# An account moved in the console: out of Workloads, into Infrastructure.
CHANGES["move-account"] = lambda: move("Workload Development", "Infrastructure")


if len(sys.argv) > 2:
    CHANGES[sys.argv[2]]()
else:
    seed()
