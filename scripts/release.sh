#!/usr/bin/env bash
# Builds the release archive: orgprofile-<version>-<os>-<arch>.tar.gz and its .sha256, in release/.
#
# On Linux the binary is stripped, links the Swift runtime and Foundation statically (--static-swift-stdlib) and
# libyaml statically from the distribution's libyaml.a, so it needs only the C library and the C++ runtime. On macOS
# (the release workflow's arm64 build) the Swift runtime is the system's and libyaml is Homebrew's, linked
# dynamically: members need `brew install libyaml`. Beside the binary: LICENSE, the man page orgprofile.1
# (swift-argument-parser's generate-manual), the completion scripts, and the documentation (README.md and docs/) in
# share/doc/orgprofile/. The archive is reproducible: sorted names, fixed times and owners, gzip without a time stamp
# (GNU tar; `gtar` on macOS).
set -euo pipefail
cd "$(dirname "$0")/.."

out=release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
os=$(uname -s)

if [ "$os" = Linux ]; then
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
    system=linux
    tar=tar
else
    echo "== building the release binary (Homebrew's libyaml)" >&2
    swift build -c release --product orgprofile --scratch-path .build-release >&2
    system=macos
    tar=gtar
fi
binary=.build-release/release/orgprofile
version=$("$binary" --version | awk '{print $1}')
arch=$(uname -m)
name="orgprofile-$version-$system-$arch"
stage="$work/$name"
mkdir -p "$stage/completions" "$stage/share/doc/orgprofile"
cp "$binary" "$stage/orgprofile"
strip "$stage/orgprofile"
cp LICENSE "$stage/LICENSE"
cp README.md docs/*.md "$stage/share/doc/orgprofile/"

echo "== the man page and completion scripts" >&2
swift build --product generate-manual >&2
date=$(git log -1 --format=%cs 2>/dev/null || date -u +%F)
"$(swift build --show-bin-path)/generate-manual" "$stage/orgprofile" --output-directory "$stage" --date "$date" >&2
# generate-manual keeps the help's blank lines, which mdoc reads as empty input lines (a warning each): a blank
# line between paragraphs becomes the paragraph macro.
sed 's/^$/.Pp/' "$stage/orgprofile.1" > "$work/orgprofile.1" && mv "$work/orgprofile.1" "$stage/orgprofile.1"
for shell in bash zsh fish; do
    "$stage/orgprofile" --generate-completion-script "$shell" > "$stage/completions/orgprofile.$shell"
done

mkdir -p "$out"
"$tar" --sort=name --mtime="@0" --owner=0 --group=0 --numeric-owner -C "$work" -cf - "$name" | gzip -n -9 > "$out/$name.tar.gz"
if command -v sha256sum >/dev/null 2>&1; then sum=(sha256sum); else sum=(shasum -a 256); fi
(cd "$out" && "${sum[@]}" "$name.tar.gz" > "$name.tar.gz.sha256")
echo "$out/$name.tar.gz"
