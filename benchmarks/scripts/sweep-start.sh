#!/usr/bin/env bash
# A sweep's serial start: how long after the JVM's launch its first simulation starts, and what
# the main thread loads until then, with the launcher's class-data archive trained as it is (a run
# and a small sweep), trained on a run only (as before the ninth round of benchmarks/README.md,
# "Sweeps"), and with none (FTPSIM_CDS=off). The archives are made from the current jar with the
# launcher's own training (train_archive in ./ftpsim); the sweep runs with the launcher's JVM flags
# for a sweep and -Xlog:class+load, the variants taking turns ROUNDS times.
#
#   benchmarks/scripts/sweep-start.sh [SCENARIO]
#   ROUNDS=10 REPLICATIONS=1 benchmarks/scripts/sweep-start.sh examples/sweep-mode-x-loss.yaml
#
# Per variant: the uptime when the first task starts (the first worker loads dev.ftpsim.sweep.SweepSeeds,
# the first class a task uses) and the whole sweep's wall, best and median; and, before the first task,
# how many classes came from the jar and from the JDK's modules (not from an archive), lambda forms
# and other hidden classes spun at run time, and lambda proxies defined at run time. REPLICATIONS
# (default 2) replaces the file's sweep.replications. Run it on a quiet machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
./ftpsim --version > /dev/null # builds the jar and the archive if they are missing or stale
file="$(realpath "${1:-examples/sweep-mode-x-loss.yaml}")"
rounds="${ROUNDS:-5}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
grep -q '^  replications: ' "$file" || { echo "$file has no '  replications: ' line" >&2; exit 2; }
sed "s/^  replications: .*/  replications: ${REPLICATIONS:-2}/" "$file" > "$tmp/sweep.yaml"

jar="$root/sim-scenarios/target/ftpsim.jar"
here="$root"
eval "$(sed -n '/^train_archive()/,/^}/p; /^long_run_flags()/,/^}/p; /^parallel_run_flags()/,/^}/p' ftpsim)"
train_archive "$tmp/run+sweep.jsa"
train_archive "$tmp/run.jsa" run
mapfile -t flags < <(long_run_flags sweep; parallel_run_flags sweep)
echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), flags ${flags[*]}, $file with ${REPLICATIONS:-2} replications"

variants=(run+sweep run none)
for ((r = 1; r <= rounds; r++)); do
    for v in "${variants[@]}"; do
        cds=()
        [ "$v" = none ] || cds=(-XX:SharedArchiveFile="$tmp/$v.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
        rm -rf "$tmp/out"
        log="$tmp/$v-$r.log"
        start=$(date +%s%N)
        java ${cds[@]+"${cds[@]}"} "${flags[@]}" -Xlog:class+load:file="$log":uptime -jar "$jar" \
            sweep "$tmp/sweep.yaml" --out "$tmp/out" --no-progress > /dev/null
        echo "$(( ($(date +%s%N) - start) / 1000000 ))" | awk '{print $1 / 1000}' >> "$tmp/$v.end"
        # uptime of the first task, then the lines before it
        first="$(grep -m1 ' dev.ftpsim.sweep.SweepSeeds ' "$log" | tr -d '[]s' | cut -d' ' -f1)"
        echo "$first" >> "$tmp/$v.first"
        awk -v t="$first" '{u = substr($1, 2) + 0} u < t' "$log" > "$tmp/$v-$r.before"
    done
done

# best and median of the numbers on stdin (seconds)
stats() { sort -n | awk '{v[NR]=$1} END {printf "best %.3f s, median %.3f s", v[1], v[int((NR+1)/2)]}'; }
for v in "${variants[@]}"; do
    b="$tmp/$v-1.before"
    printf '%-9s first task: %s; whole sweep: %s\n' "$v" "$(stats < "$tmp/$v.first")" "$(stats < "$tmp/$v.end")"
    printf '          before it: %d classes from the jar, %d from the JDK modules, %d spun, %d lambda proxies (of %d)\n' \
        "$(grep -c 'ftpsim.jar$' "$b")" "$(grep -c 'source: jrt:' "$b")" \
        "$(grep -c 'source: __' "$b")" "$(grep -vc 'source: \(jrt:\|shared objects file\|file:\|__\)' "$b")" \
        "$(wc -l < "$b")"
done
