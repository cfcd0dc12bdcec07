#!/usr/bin/env bash
# Proves a release archive runs without Swift and without libyaml: checks its sha256, unpacks it, shows with ldd
# that the binary needs neither libyaml nor any Swift runtime library, and runs validate, compile and
# install --dry-run with an empty environment (env -i: no toolchain on PATH, no library path; compile with the
# test-only fault hook's variable set, which a release build ignores). Also that it ships
# the documentation the help texts point at, and a man page that renders without a warning.
set -euo pipefail
archive=$1
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$(dirname "$archive")" && sha256sum --check --quiet "$(basename "$archive").sha256")
tar -xzf "$archive" -C "$work"
folder=$(find "$work" -mindepth 1 -maxdepth 1 -type d)
for file in orgprofile LICENSE orgprofile.1 completions/orgprofile.bash completions/orgprofile.zsh completions/orgprofile.fish \
    share/doc/orgprofile/README.md share/doc/orgprofile/live.md share/doc/orgprofile/diagnostics.md; do
    [ -s "$folder/$file" ] || { echo "release-check: $file is missing from the archive" >&2; exit 1; }
done
warnings=$(groff -mandoc -ww -z "$folder/orgprofile.1" 2>&1)
if [ -n "$warnings" ]; then
    echo "$warnings" >&2
    echo "release-check: the man page renders with warnings" >&2
    exit 1
fi

needed=$(ldd "$folder/orgprofile")
echo "$needed"
if echo "$needed" | grep -Eq 'libyaml|libswift|libFoundation|libdispatch|libBlocksRuntime|not found'; then
    echo "release-check: the binary needs a library it should carry" >&2
    exit 1
fi

# The crash tests' fault hook is compiled into debug builds only: the shipped binary neither names nor obeys it.
if grep -q ORGPROFILE_TEST_KILL_AT_WRITE "$folder/orgprofile"; then
    echo "release-check: the binary carries the test-only fault hook" >&2
    exit 1
fi

cp "$root/org.yaml.example" "$work/org.yaml"
mkdir -p "$work/home"
run() { (cd "$work" && env -i PATH=/usr/bin:/bin HOME="$work/home" "$folder/orgprofile" "$@"); }
run --version
run validate org.yaml
(cd "$work" && env -i PATH=/usr/bin:/bin HOME="$work/home" ORGPROFILE_TEST_KILL_AT_WRITE=1 "$folder/orgprofile" compile org.yaml --out dist)
run install org.yaml --user bob --dry-run | tail -1
[ -s "$work/dist/users/bob/config" ] || { echo "release-check: compile wrote no config" >&2; exit 1; }
[ ! -e "$work/home/.aws/config" ] || { echo "release-check: install --dry-run wrote the config" >&2; exit 1; }
echo "release-check: $(basename "$archive") runs without Swift and libyaml"
