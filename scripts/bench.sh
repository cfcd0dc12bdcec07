#!/usr/bin/env bash
# Whole-process benchmarks of orgprofile against the floors the performance targets name
# (docs/performance.md): cp -r of the output, cat of the output, libyaml's own event loop,
# and a plain Python script writing the same files.
#   scripts/bench.sh                                   the three reference orgs, one after the other
#   scripts/bench.sh USERS ACCOUNTS GROUPS PER_ASSIGNMENT [generate-org flags]   one org of that shape
#   scripts/bench.sh scaling                           validate, compile and check at 1,000, 10,000 and 50,000 users
#   scripts/bench.sh temporary                         the dense and email references, plain and with 10 % of grants temporary
# The references: 10,000 users, 300 accounts, 200 groups, 10 accounts per assignment (about
# 20 profiles a person); the dense one with 30 per assignment (about 60 a person); and the
# email one, as dense in another shape: users named by e-mail address, each group making three
# assignments of 10 accounts.
# Each command runs $RUNS times (default 5), and the ones that take well under a second (validate, export,
# diff, install and their libyaml floors) $FAST_RUNS times (default 21), since a shared machine's noise is
# a larger share of them; the table shows the median wall time and the peak memory. A command and its
# floor run interleaved (one of each per round), so a neighbour slowing the machine for a minute slows
# both: the ratios are of medians taken over the same minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
work=.build-bench
mkdir -p "$work"
# The release binary as it ships: the Swift runtime and Foundation linked in (no dynamic linking at start).
swift build -c release --static-swift-stdlib --product orgprofile >&2
swift build -c release --package-path Benchmarks --product generate-org >&2
cc -O2 -o "$work/yaml-events" Benchmarks/tools/yaml-events.c -lyaml
bin=$PWD/.build/release/orgprofile
gen=$PWD/Benchmarks/.build/release/generate-org
runs=${RUNS:-5}
fast_runs=${FAST_RUNS:-21}

# interleaved RUNS SPEC...: runs each SPEC ("name|setup|command", the setup untimed) once per
# round, RUNS rounds, so that a command and its floor see the same minutes of this shared
# machine; records the median wall seconds and the peak resident MB of each name.
declare -A wall memory
interleaved() {
    local rounds=$1; shift
    local -A times peaks
    for run in $(seq "$rounds"); do
        for spec in "$@"; do
            local name=${spec%%|*} rest=${spec#*|}
            local setup=${rest%%|*} command=${rest#*|}
            if [ -n "$setup" ]; then eval "$setup" > /dev/null 2>&1; fi
            local start=$EPOCHREALTIME
            eval "/usr/bin/time -f %M -o $work/time $command" > /dev/null 2>&1 || true
            local end=$EPOCHREALTIME
            times[$name]+="$(awk "BEGIN { printf \"%.4f\", $end - $start }") "
            peaks[$name]+="$(tail -1 "$work/time") "
        done
    done
    for spec in "$@"; do
        local name=${spec%%|*}
        wall[$name]=$(printf '%s\n' ${times[$name]} | sort -n | sed -n "$(( (rounds + 1) / 2 ))p")
        memory[$name]=$(( $(printf '%s\n' ${peaks[$name]} | sort -n | tail -1) / 1024 ))
    done
}
ratio() { python3 -c "print(f'{$1 / max($2, 0.001):.2f}')"; }

# bench USERS ACCOUNTS GROUPS PER [FLAGS...]: every command on one generated org, and its table.
bench() {
local users=$1 accounts=$2 groups=$3 per=$4
shift 4
"$gen" "$users" "$accounts" "$groups" "$per" 1 "$@" > "$work/org.yaml"
# The sixth user by its key, whatever the shape names users.
local user
user=$(grep -m1 -o -E '^  user5(@[a-z.]+)?:' "$work/org.yaml" | tr -d ' :')
# A second version: one group's accounts changed (for diff), and one user's groups changed (for compile).
# Each keeps the file name org.yaml, which every generated file names.
mkdir -p "$work/group-changed" "$work/user-changed"
python3 - "$work" <<'PY'
import re, sys
work = sys.argv[1]
text = open(f"{work}/org.yaml").read()
lines = text.split("\n")
i = lines.index("  group-3:")
j = next(k for k in range(i, len(lines)) if lines[k].startswith("        accounts: ["))
lines[j] = "        accounts: [account-0, account-1, account-2]"
open(f"{work}/group-changed/org.yaml", "w").write("\n".join(lines))
lines = text.split("\n")
i = next(k for k, line in enumerate(lines) if line.startswith("  user5:") or line.startswith("  user5@"))
j = next(k for k in range(i, len(lines)) if lines[k].startswith("    groups: ["))
lines[j] = "    groups: [group-0, group-1, group-2]"
open(f"{work}/user-changed/org.yaml", "w").write("\n".join(lines))
# A person's existing config of 7,000 lines.
with open(f"{work}/existing-config", "w") as out:
    for n in range(1000):
        out.write(f"[profile other-{n}]\nregion = eu-west-1\noutput = json\ncli_pager =\ns3 =\n  max_concurrent_requests = 20\n\n")
PY

org=$work/org.yaml
dist=$work/dist
compiled="$bin compile $org --out $dist"
# compile, cp -r and the Python writer each start after sync, so that writing back the
# deletion of the folder before does not land inside the next timing.
"$bin" compile "$org" --out "$dist" > /dev/null
interleaved "$runs" \
    "compile|rm -rf $dist; sync|$compiled" \
    "cp|rm -rf $work/copy; sync|cp -r $dist $work/copy" \
    "python|rm -rf $work/copy; sync|python3 Benchmarks/tools/write-tree.py $dist $work/copy"
interleaved "$runs" \
    "unchanged|$compiled|$compiled" \
    "user-changed|$compiled|$bin compile $work/user-changed/org.yaml --out $dist" \
    "cat|$compiled|sh -c 'find $dist -type f -exec cat {} + > /dev/null'" \
    "check||$bin check $org --out $dist"
interleaved "$fast_runs" \
    "libyaml||$work/yaml-events $org" \
    "validate||$bin validate $org" \
    "export||$bin export $org --user $user" \
    "libyaml-both||$work/yaml-events $org $work/group-changed/org.yaml" \
    "diff||$bin diff $org $work/group-changed/org.yaml" \
    "version||$bin --version" \
    "install|cp $work/existing-config $work/config|$bin install --from $dist/users/$user/config --config $work/config --credentials $work/none"

size=$(du -sh "$work/dist" | cut -f1)
input=$(( $(stat -c %s "$org") / 1024 ))
echo
echo "org: $users users, $accounts accounts, $groups groups, $per accounts per assignment $*; org.yaml ${input} KiB; output $size"
printf '%-28s %9s %9s %-34s %s\n' measurement seconds "peak MB" "ratio" target
row() { printf '%-28s %9s %9s %-34s %s\n' "$1" "${wall[$2]}" "${memory[$2]}" "$3" "$4"; }
row "validate" validate "$(ratio ${wall[validate]} ${wall[libyaml]}) x libyaml" "<= 3 x libyaml events"
row "compile, empty folder" compile "$(ratio ${wall[compile]} ${wall[cp]}) x cp -r" "<= 1.3 x cp -r"
row "  against a Python writer" compile "$(ratio ${wall[compile]} ${wall[python]}) x python" "< 1 x python"
row "compile, nothing changed" unchanged "$(ratio ${wall[unchanged]} ${wall[compile]}) x compile" "<= 0.3 x compile"
row "compile, one user changed" user-changed "$(ratio ${wall[user-changed]} ${wall[compile]}) x compile" "<= 0.3 x compile"
row "check, nothing changed" check "$(ratio ${wall[check]} ${wall[cat]}) x cat" "<= 1.5 x cat"
row "export --user" export "$(ratio ${wall[export]} ${wall[libyaml]}) x libyaml" "<= 3 x libyaml events"
row "diff, one group changed" diff "$(ratio ${wall[diff]} ${wall[libyaml-both]}) x libyaml on both files" "<= 3 x libyaml events"
row "install, 7,000-line config" install "$(python3 -c "print(f'{(${wall[install]} - ${wall[version]}) * 1000:.0f} ms')") beyond start" "< 50 ms beyond process start"
row "cp -r (floor)" cp "" ""
row "Python writer (floor)" python "" ""
row "cat (floor)" cat "" ""
row "libyaml events (floor)" libyaml "" ""
row "libyaml, both diff files" libyaml-both "" ""
echo "peak memory target: <= 2 x input + 64 MB = $(( 2 * input / 1024 + 64 )) MB"
}

# scaling: how validate, compile and check grow with the number of users (300 accounts,
# 200 groups, 10 accounts per assignment), one row per size.
scaling() {
    printf '%-8s %10s %10s %10s %10s %10s %10s %10s %10s\n' users "org.yaml" output "validate s" "MB" "compile s" "MB" "check s" "MB"
    for users in 1000 10000 50000; do
        "$gen" "$users" 300 200 10 1 > "$work/scale.yaml"
        interleaved "$runs" \
            "validate||$bin validate $work/scale.yaml" \
            "compile|rm -rf $work/scale; sync|$bin compile $work/scale.yaml --out $work/scale" \
            "check||$bin check $work/scale.yaml --out $work/scale"
        printf '%-8s %10s %10s %10s %10s %10s %10s %10s %10s\n' "$users" "$(( $(stat -c %s "$work/scale.yaml") / 1024 )) KiB" \
            "$(du -sh "$work/scale" | cut -f1)" "${wall[validate]}" "${memory[validate]}" "${wall[compile]}" "${memory[compile]}" \
            "${wall[check]}" "${memory[check]}"
    done
    rm -rf "$work/scale"
}

# temporary: the dense and email references against themselves with 10 % of their grants temporary
# (every tenth group assignment and every tenth user's first membership given an `until` 60 days
# ahead), validate, check and compile interleaved, as of today.
temporary() {
    local until
    until=$(date -u -d "+60 days" +%F)
    printf '%-22s %12s %12s %12s\n' org "validate s" "check s" "compile s"
    for shape in "30" "10 --assignments 3 --email-names"; do
        # shellcheck disable=SC2086
        "$gen" 10000 300 200 $shape 1 > "$work/plain.yaml"
        python3 - "$work" "$until" <<'PY'
import re, sys
work, until = sys.argv[1], sys.argv[2]
out, assignments, users = [], 0, 0
for line in open(f"{work}/plain.yaml").read().split("\n"):
    out.append(line)
    role = re.match(r"^(\s+)- role: \S+$", line)
    if role:
        assignments += 1
        if assignments % 10 == 0:
            out.append(f"{role.group(1)}  until: {until}")
    groups = re.match(r"^    groups: \[([^,\]]+)(.*)\]$", line)
    if groups:
        users += 1
        if users % 10 == 0:
            out[-1] = f"    groups: [{{group: {groups.group(1)}, until: {until}}}{groups.group(2)}]"
open(f"{work}/temporary.yaml", "w").write("\n".join(out))
PY
        for org in plain temporary; do
            rm -rf "$work/$org"
            "$bin" compile "$work/$org.yaml" --out "$work/$org" > /dev/null 2>&1
        done
        interleaved "$runs" \
            "validate-plain||$bin validate $work/plain.yaml" "validate-temporary||$bin validate $work/temporary.yaml" \
            "check-plain||$bin check $work/plain.yaml --out $work/plain" \
            "check-temporary||$bin check $work/temporary.yaml --out $work/temporary" \
            "compile-plain||$bin compile $work/plain.yaml --out $work/plain" \
            "compile-temporary||$bin compile $work/temporary.yaml --out $work/temporary"
        for org in plain temporary; do
            printf '%-22s %12s %12s %12s\n' "${shape%% *}/$org" "${wall[validate-$org]}" "${wall[check-$org]}" "${wall[compile-$org]}"
        done
    done
    rm -rf "$work/plain" "$work/temporary"
}

if [ "${1:-}" = scaling ]; then
    scaling
elif [ "${1:-}" = temporary ]; then
    temporary
elif [ $# -ge 4 ]; then
    bench "$@"
else
    bench 10000 300 200 10
    bench 10000 300 200 30
    bench 10000 300 200 10 --assignments 3 --email-names
fi
