#!/usr/bin/env python3
"""Records how botocore (the AWS CLI's parser) reads every case of the AWS SDKs' shared
config-file parser suites, so the Swift tests can compare orgprofile's reader with it
without needing python at test time.

Usage: scripts/botocore-suite-expectations.py FIXTURES_DIR > FIXTURES_DIR/botocore-expectations.json

For each case of *-profile-parser-tests.json: the config file read as the AWS CLI reads
~/.aws/config (profiles and sso-sessions), and the credentials file read as it reads
~/.aws/credentials (sections are profile names), or the error botocore raises.
"""
import glob
import json
import os
import sys
import tempfile

import botocore.configloader as loader
import botocore.exceptions


def read(text, as_config):
    with tempfile.NamedTemporaryFile("w", delete=False, encoding="utf-8", newline="") as handle:
        handle.write(text)
        path = handle.name
    try:
        raw = loader.raw_config_parse(path)
        if not as_config:
            return {"profiles": raw}
        mapped = loader.build_profile_map(raw)
        return {"profiles": mapped["profiles"], "sso_sessions": mapped["sso_sessions"]}
    except botocore.exceptions.BotoCoreError as error:
        return {"error": type(error).__name__}
    finally:
        os.unlink(path)


def main(folder):
    cases = []
    for path in sorted(glob.glob(os.path.join(folder, "*-profile-parser-tests.json"))):
        with open(path, encoding="utf-8") as handle:
            suite = json.load(handle)
        for index, case in enumerate(suite["tests"]):
            entry = {"suite": os.path.basename(path), "index": index, "name": case["name"]}
            if "configFile" in case["input"]:
                entry["config"] = read(case["input"]["configFile"], True)
            if "credentialsFile" in case["input"]:
                entry["credentials"] = read(case["input"]["credentialsFile"], False)
            cases.append(entry)
    json.dump({"botocore": botocore.__version__, "cases": cases}, sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    import botocore
    main(sys.argv[1])
