"""Writes the 30-person organisation of the access page's tests and screenshots (org.yaml)
and a snapshot of its Identity Center with drift in it (snapshot.json).

Usage: generate.py ORGPROFILE FOLDER
The snapshot is built in two steps: the directory (accounts, permission sets, users, groups
and memberships) from the same lists as org.yaml, then the assignments from what
`orgprofile assignments --format json` resolves against it; then drift is planted: a
membership and a group grant missing, an undeclared membership and an undeclared
administrator grant.
"""
import json
import subprocess
import sys

orgprofile, folder = sys.argv[1], sys.argv[2]
accounts = [  # key, name, id, ou
    ("management", "Organization Management", "100000000001", "/"),
    ("infrastructure", "Infrastructure", "100000000002", "Infrastructure"),
    ("security-audit", "Security Audit", "100000000003", "Security"),
    ("log-archive", "Log Archive", "100000000004", "Security"),
    ("payments-dev", "Payments Development", "100000000005", "Workloads/Payments"),
    ("payments-staging", "Payments Staging", "100000000006", "Workloads/Payments"),
    ("payments-prod", "Payments Production", "100000000007", "Workloads/Payments"),
    ("data-dev", "Data Platform Development", "100000000008", "Workloads/Data"),
    ("data-prod", "Data Platform Production", "100000000009", "Workloads/Data"),
    ("web-dev", "Web Development", "100000000010", "Workloads/Web"),
    ("web-prod", "Web Production", "100000000011", "Workloads/Web"),
    ("sandbox-ana", "Sandbox Ana", "100000000012", "Sandbox"),
    ("sandbox-tom", "Sandbox Tom", "100000000013", "Sandbox"),
]
roles = ["AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "PaymentsDeveloperAccess", "SecurityAuditorAccess",
         "UserManagement"]
groups = {  # key: (display name, description, [(role, accounts)])
    "platform": ("Platform Engineering", "Runs the landing zone", [("AdministratorAccess", ["infrastructure", "log-archive"]),
                                                                   ("ReadOnlyAccess", "*")]),
    "payments": ("Payments Team", "Builds the payment services", [("PaymentsDeveloperAccess", ["payments-dev", "payments-staging"]),
                                                                  ("ReadOnlyAccess", ["payments-prod"])]),
    "data": ("Data Engineering", "Runs the data platform", [("PowerUserAccess", ["data-dev"]), ("ReadOnlyAccess", ["data-prod"])]),
    "web": ("Web Team", "Builds the public web site", [("PowerUserAccess", ["web-dev"]), ("ReadOnlyAccess", ["web-prod"])]),
    "security": ("Security", "Audits every account", [("SecurityAuditorAccess", "*")]),
    "auditors": ("External Auditors", "Quarterly audit, read only", [("ReadOnlyAccess", ["security-audit", "log-archive"])]),
}
people = [  # key, name, groups, extra
    ("ana.silva@pay.example", "Ana Silva", ["platform"], {"super_admin": True}),
    ("tom.berg@pay.example", "Tom Berg", ["platform"], {"user_management": True}),
    ("li.wei@pay.example", "Li Wei", ["platform"], {}),
    ("sam.okafor@pay.example", "Sam Okafor", ["security"], {"user_management": True}),
    ("mia.novak@pay.example", "Mia Novak", ["security"], {}),
    ("raj.patel@pay.example", "Raj Patel", ["payments"], {}),
    ("eva.lind@pay.example", "Eva Lind", ["payments"], {}),
    ("noah.kim@pay.example", "Noah Kim", ["payments"], {}),
    ("zoe.martin@pay.example", "Zoe Martin", ["payments"], {}),
    ("omar.haddad@pay.example", "Omar Haddad", ["payments"], {}),
    ("ines.costa@pay.example", "Ines Costa", ["payments", "data"], {}),
    ("leo.meyer@pay.example", "Leo Meyer", ["data"], {}),
    ("ada.moreau@pay.example", "Ada Moreau", ["data"], {}),
    ("ben.cohen@pay.example", "Ben Cohen", ["data"], {}),
    ("kai.tanaka@pay.example", "Kai Tanaka", ["data"], {}),
    ("lea.fischer@pay.example", "Lea Fischer", ["web"], {}),
    ("max.weber@pay.example", "Max Weber", ["web"], {}),
    ("nia.brown@pay.example", "Nia Brown", ["web"], {}),
    ("oscar.ruiz@pay.example", "Oscar Ruiz", ["web"], {}),
    ("pia.schulz@pay.example", "Pia Schulz", ["web", "payments"], {}),
    ("quinn.adams@pay.example", "Quinn Adams", ["web"], {}),
    ("rosa.lopez@pay.example", "Rosa Lopez", ["data", "web"], {}),
    ("sven.olsen@pay.example", "Sven Olsen", ["platform", "security"], {}),
    ("tara.singh@pay.example", "Tara Singh", ["payments"], {}),
    ("uma.reddy@pay.example", "Uma Reddy", ["data"], {}),
    ("vic.dubois@pay.example", "Vic Dubois", ["web"], {}),
    ("wes.hall@pay.example", "Wes Hall", ["auditors"], {}),
    ("xia.chen@pay.example", "Xia Chen", ["auditors"], {}),
    ("yan.ivanov@pay.example", "Yan Ivanov", ["payments"], {"sandbox": "sandbox-ana"}),
    ("zed.nowak@pay.example", "Zed Nowak", ["web"], {"sandbox": "sandbox-tom"}),
]

yaml = ["# A 30-person company: the access page's tests and docs/report.md's screenshots (generate.py).",
        "version: 1", "project: pay", "sso_session:", "  start_url: https://pay.awsapps.com/start", "  region: eu-west-1",
        "accounts:"]
for key, name, id, ou in accounts:
    yaml += [f"  {key}:", f"    id: \"{id}\"", f"    name: {name}", f"    ou: \"{ou}\""]
suffixes = {"AdministratorAccess": "admin", "PowerUserAccess": "poweruser", "PaymentsDeveloperAccess": "developer",
            "SecurityAuditorAccess": "audit"}
yaml += ["roles:"] + [f"  {role}: " + (f"{{profile_suffix: {suffixes[role]}}}" if role in suffixes else "{}") for role in roles]
yaml += ["groups:"]
for key, (display, description, grants) in groups.items():
    yaml += [f"  {key}:", f"    identity_center_name: {display}", f"    description: {description}", "    assignments:"]
    for role, where in grants:
        yaml += [f"      - role: {role}", "        accounts: " + ("\"*\"" if where == "*" else "[" + ", ".join(where) + "]")]
yaml += ["user_management:", "  delegated_admin: {account: infrastructure, role: UserManagement}",
         "  organization_management: {account: management, role: AdministratorAccess}", "users:"]
for key, name, member_of, extra in people:
    yaml += [f"  {key}:", f"    name: {name}", f"    groups: [{', '.join(member_of)}]"]
    for flag in ("super_admin", "user_management"):
        if extra.get(flag):
            yaml.append(f"    {flag}: true")
    if "sandbox" in extra:
        yaml += ["    assignments:", "      - role: AdministratorAccess", f"        accounts: [{extra['sandbox']}]"]
with open(folder + "/org.yaml", "w") as out:
    out.write("\n".join(yaml) + "\n")

instance = "arn:aws:sso:::instance/ssoins-7000000000000001"
ps = lambda role: f"arn:aws:sso:::permissionSet/ssoins-7000000000000001/ps-{roles.index(role) + 1:016x}"
gid = lambda key: f"g-{list(groups).index(key) + 1:04d}"
uid = lambda key: f"u-{[p[0] for p in people].index(key) + 1:04d}"
snapshot = {
    "snapshot_version": 2,
    "instance": {"arn": instance, "identity_store_id": "d-7000000001", "region": "eu-west-1"},
    "organization": {"management_account_id": "100000000001", "delegated_administrator_ids": ["100000000002"]},
    "accounts": [{"id": id, "name": name, "status": "ACTIVE", "ou": ou} for _, name, id, ou in accounts],
    "permission_sets": [{"arn": ps(role), "name": role, "session_duration": "PT1H"} for role in roles],
    "users": [{"id": uid(key), "user_name": key, "display_name": name, "email": key} for key, name, _, _ in people],
    "groups": [{"id": gid(key), "display_name": display, "description": description}
               for key, (display, description, _) in groups.items()],
    "memberships": [{"group_id": gid(g), "user_id": uid(key)} for key, _, member_of, _ in people for g in member_of],
    "assignments": [],
}
with open(folder + "/snapshot.json", "w") as out:
    json.dump(snapshot, out, indent=2, sort_keys=True)
rows = json.loads(subprocess.run([orgprofile, "assignments", folder + "/org.yaml", "--snapshot", folder + "/snapshot.json",
                                  "--format", "json"], check=True, capture_output=True, text=True).stdout)
snapshot["assignments"] = [{"account_id": row["account_id"], "permission_set_arn": row["permission_set_arn"],
                            "principal_type": row["principal_type"], "principal_id": row["principal_id"]} for row in rows]
# Drift: Raj never joined payments in Identity Center; Kai is in web there too; the web team's
# read-only grant on web-prod is missing; Noah holds AdministratorAccess on payments-prod.
snapshot["memberships"].remove({"group_id": gid("payments"), "user_id": uid("raj.patel@pay.example")})
snapshot["memberships"].append({"group_id": gid("web"), "user_id": uid("kai.tanaka@pay.example")})
snapshot["assignments"] = [a for a in snapshot["assignments"] if not (
    a["principal_id"] == gid("web") and a["account_id"] == "100000000011" and a["permission_set_arn"] == ps("ReadOnlyAccess"))]
snapshot["assignments"].append({"account_id": "100000000007", "permission_set_arn": ps("AdministratorAccess"),
                                "principal_type": "USER", "principal_id": uid("noah.kim@pay.example")})
with open(folder + "/snapshot.json", "w") as out:
    json.dump(snapshot, out, indent=2, sort_keys=True)
    out.write("\n")
