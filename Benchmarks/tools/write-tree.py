"""The floor compile is held to besides cp -r: a plain Python script that writes the same files.

    python3 write-tree.py SOURCE DESTINATION

It reads every file of SOURCE into memory first (what a generator would have rendered), then
writes each to the same path under DESTINATION, creating folders as it goes.
"""
import os
import sys

source, destination = sys.argv[1], sys.argv[2]
files = []
for folder, _, names in os.walk(source):
    for name in names:
        path = os.path.join(folder, name)
        with open(path, "rb") as handle:
            files.append((os.path.relpath(path, source), handle.read()))
for relative, contents in files:
    path = os.path.join(destination, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(contents)
