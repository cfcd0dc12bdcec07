#!/usr/bin/env python3
"""Checks YAML files against a JSON Schema as yaml-language-server would read them.

Usage: schema-check.py SCHEMA FILE...
Prints one line per file: "valid" or "invalid: FIRST ERROR". Needs PyYAML and jsonschema.
"""
import json
import sys

import jsonschema
import yaml

schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
for path in sys.argv[2:]:
    errors = sorted(validator.iter_errors(yaml.safe_load(open(path))), key=lambda e: list(e.path))
    print("valid" if not errors else "invalid: " + errors[0].message.replace("\n", " "))
