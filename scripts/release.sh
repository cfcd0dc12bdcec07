#!/usr/bin/env bash
# Builds the release archive: orgprofile-<version>-linux-<arch>.tar.gz and its .sha256, in release/.
#
# The binary is stripped, links the Swift runtime and Foundation statically (--static-swift-stdlib) and libyaml
# statically from the distribution's libyaml.a, so it needs only the C library and the C++ runtime. Beside it:
# LICENSE, the man page orgprofile.1 (swift-argument-parser's generate-manual) and the completion scripts.
# The archive is reproducible: sorted names, fixed times and owners, gzip without a time stamp.
set -euo pipefail
cd "$(dirname "$0")/.."

out=release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# libyaml: a pkg-config file that points at a folder holding only libyaml.a, so -lyaml links it statically.
libdir=$(pkg-config --variable=libdir yaml-0.1)
archive=""
for candidate in "$libdir/libyaml.a" /usr/lib/*/libyaml.a /usr/lib/libyaml.a /usr/local/lib/libyaml.a; do
    if [ -f "$candidate" ]; then archive=$candidate; break; fi
done
if [ -z "$archive" ]; then
    echo "release.sh: no libyaml.a found (install libyaml-dev)" >&2
    exit 1
fi
mkdir -p "$work/pkgconfig"
cp "$archive" "$work/pkgconfig/libyaml.a"
cat > "$work/pkgconfig/yaml-0.1.pc" <<PC
Name: LibYAML
Description: libyaml, linked statically into orgprofile
Version: $(pkg-config --modversion yaml-0.1)
Cflags: $(pkg-config --cflags yaml-0.1)
Libs: -L$work/pkgconfig -lyaml
PC

echo "== building the release binary (static Swift runtime and libyaml)" >&2
PKG_CONFIG_PATH="$work/pkgconfig" swift build -c release --static-swift-stdlib --product orgprofile --scratch-path .build-release >&2
binary=.build-release/release/orgprofile
version=$("$binary" --version | awk '{print $1}')
arch=$(uname -m)
name="orgprofile-$version-linux-$arch"
stage="$work/$name"
mkdir -p "$stage/completions"
cp "$binary" "$stage/orgprofile"
strip "$stage/orgprofile"
cp LICENSE "$stage/LICENSE"

echo "== the man page and completion scripts" >&2
swift build --product generate-manual >&2
date=$(git log -1 --format=%cs 2>/dev/null || date -u +%F)
"$(swift build --show-bin-path)/generate-manual" "$stage/orgprofile" --output-directory "$stage" --date "$date" >&2
for shell in bash zsh fish; do
    "$stage/orgprofile" --generate-completion-script "$shell" > "$stage/completions/orgprofile.$shell"
done

mkdir -p "$out"
tar --sort=name --mtime="@0" --owner=0 --group=0 --numeric-owner -C "$work" -cf - "$name" | gzip -n -9 > "$out/$name.tar.gz"
(cd "$out" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
echo "$out/$name.tar.gz"
