#!/usr/bin/env python3
"""Reads every config that `orgprofile compile` wrote with the AWS CLI's own parser.

Usage: scripts/botocore-check.py DIST

For each user and group in DIST/manifest.json, points AWS_CONFIG_FILE at its config and
checks that botocore's full_config holds exactly the manifest's profiles (account id,
role, region, sso_session) and exactly one sso-session with the start URL, region and
scopes the header of the config names. Exits 0 when all agree, 1 otherwise, and 77 when
botocore is not installed (the test that runs it then reports a skip).
"""
import json
import os
import sys

try:
    import botocore.session
except ImportError:
    print("botocore is not installed; skipping", file=sys.stderr)
    sys.exit(77)


def sessions_in(path):
    """The [sso-session NAME] blocks, read line by line as a cross-check of botocore."""
    names = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("[sso-session "):
                names.append(line.strip()[len("[sso-session "):-1])
    return names


def check(dist):
    with open(os.path.join(dist, "manifest.json"), encoding="utf-8") as handle:
        manifest = json.load(handle)
    problems = []
    checked = 0
    for kind in ("users", "groups"):
        for name, profiles in sorted(manifest[kind].items()):
            path = os.path.join(dist, kind, name, "config")
            os.environ["AWS_CONFIG_FILE"] = path
            os.environ.pop("AWS_PROFILE", None)
            config = botocore.session.Session().full_config
            expected = {p["name"]: p for p in profiles}
            actual = config.get("profiles", {})
            if set(actual) != set(expected):
                problems.append(f"{path}: botocore reads profiles {sorted(actual)}, manifest lists {sorted(expected)}")
                continue
            sessions = config.get("sso_sessions", {})
            if list(sessions) != sessions_in(path) or len(sessions) != 1:
                problems.append(f"{path}: botocore reads sso-sessions {sorted(sessions)}")
                continue
            session_name, session = next(iter(sessions.items()))
            for key in ("sso_start_url", "sso_region", "sso_registration_scopes"):
                if not session.get(key):
                    problems.append(f"{path}: sso-session {session_name} has no {key}")
            for profile_name, want in expected.items():
                got = actual[profile_name]
                pairs = {
                    "sso_session": session_name,
                    "sso_account_id": want["account_id"],
                    "sso_role_name": want["role"],
                    "region": want["region"],
                }
                for key, value in pairs.items():
                    if got.get(key) != value:
                        problems.append(f"{path}: [profile {profile_name}] {key} is {got.get(key)!r}, expected {value!r}")
            checked += 1
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"botocore read {checked} configs: {'all agree with manifest.json' if not problems else str(len(problems)) + ' problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    sys.exit(check(sys.argv[1]))
