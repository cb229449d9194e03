#!/usr/bin/env bash
# Two builds of the reference workload side by side, in pairs: each round runs jar A on one core and
# jar B on the other at the same time (pinned with taskset, the cores swapped every round), so that
# the VM's neighbours slow both alike, and prints each slice's CPU seconds of the simulating thread.
# The summary gives the sums and in how many pairs B was quicker: on this shared VM single runs
# spread by 15-30%, a pair by far less.
#
#   benchmarks/scripts/slices-ab.sh A.jar B.jar [ROUNDS]       (ROUNDS default 6)
#
# Environment: N (default 100000), SLICES (default 40,100: the first 40 simulated seconds, then up to
# 100), PROPS_A / PROPS_B (extra JVM flags of either side). Both sides run the same events, slice by
# slice; only their CPU differs.
set -euo pipefail
a="${1:?usage: slices-ab.sh A.jar B.jar [ROUNDS]}"
b="${2:?usage: slices-ab.sh A.jar B.jar [ROUNDS]}"
rounds="${3:-6}"
n="${N:-100000}"
slices="${SLICES:-40,100}"
command -v taskset > /dev/null || { echo "slices-ab.sh: taskset (util-linux) is needed" >&2; exit 2; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
jvm=(-XX:+UseTransparentHugePages -XX:+UseParallelGC -XX:ParallelGCThreads=1)
cpus() { grep -E '^ *[0-9]+ ' "$1" | awk '{printf "%s ", $4}'; }
for r in $(seq 1 "$rounds"); do
    ca=$(((r + 1) % 2))
    cb=$((r % 2))
    # shellcheck disable=SC2086
    taskset -c "$ca" java ${PROPS_A:-} "${jvm[@]}" -cp "$a" dev.ftpsim.bench.ReferenceWorkloadBenchmark \
        --slices="$slices" "$n" > "$out/a.$r" 2>&1 &
    # shellcheck disable=SC2086
    taskset -c "$cb" java ${PROPS_B:-} "${jvm[@]}" -cp "$b" dev.ftpsim.bench.ReferenceWorkloadBenchmark \
        --slices="$slices" "$n" > "$out/b.$r" 2>&1 || { cat "$out/b.$r" >&2; exit 1; }
    wait $! || { cat "$out/a.$r" >&2; exit 1; }
    echo "round $r  A: $(cpus "$out/a.$r")  B: $(cpus "$out/b.$r")"
done | tee "$out/rounds"
awk '{ na = 0; nb = 0; s = ""
       for (i = 1; i <= NF; i++) { if ($i == "A:") s = "a"; else if ($i == "B:") s = "b";
           else if (s == "a") a[na++] = $i; else if (s == "b") b[nb++] = $i }
       for (i = 0; i < na && i < nb; i++) { ta += a[i]; tb += b[i]; pairs++; if (b[i] < a[i]) wins++ } }
     END { printf "sum of CPU seconds: A %.2f, B %.2f (B/A %.3f); B quicker in %d of %d pairs\n",
           ta, tb, tb / ta, wins, pairs }' "$out/rounds"
