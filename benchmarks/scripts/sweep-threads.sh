#!/usr/bin/env bash
# A sweep's throughput with 1 and with 2 threads (issue 16: 2 threads at least 1.8x one).
# Runs the same sweep from scratch with --threads 1 and --threads 2, alternating, ROUNDS times
# each, and prints each run's wall and CPU seconds, the best wall per thread count, and the ratio
# of throughputs (replications per wall second). Run it on a quiet machine: on a loaded one the
# second thread waits for a core and the ratio says more about the load than about ftpsim.
#
#   benchmarks/scripts/sweep-threads.sh [SCENARIO] [THREADS...]
#   ROUNDS=5 REPLICATIONS=20 JAVA_OPTS="-XX:+UseParallelGC" benchmarks/scripts/sweep-threads.sh examples/sweep-mode-x-loss.yaml 1 2
#
# REPLICATIONS replaces the file's sweep.replications (a bigger sweep makes the JVM's start and the
# plots drawn at the end, which one thread does, a smaller share of the time).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/sim-scenarios/target/ftpsim.jar"
file="${1:-$root/examples/sweep-mode-x-loss.yaml}"
shift || true
threads=("$@")
[ ${#threads[@]} -gt 0 ] || threads=(1 2)
rounds="${ROUNDS:-3}"
[ -f "$jar" ] || { echo "build first: mvn -B -ntp -DskipTests -pl sim-scenarios -am package" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if [ -n "${REPLICATIONS:-}" ]; then
    grep -q '^  replications: ' "$file" || { echo "$file has no '  replications: ' line" >&2; exit 2; }
    sed "s/^  replications: .*/  replications: $REPLICATIONS/" "$file" > "$tmp/sweep.yaml"
    file="$tmp/sweep.yaml"
fi
echo "sweep $file, JAVA_OPTS='${JAVA_OPTS:-}', $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A best
for ((r = 1; r <= rounds; r++)); do
    for t in "${threads[@]}"; do
        # A fresh folder each time: --restart alone would still read the old journal.
        out="$tmp/t$t-r$r"
        /usr/bin/time -f "%e %U %S" -o "$tmp/time" java ${JAVA_OPTS:-} -jar "$jar" sweep "$file" --threads "$t" \
            --out "$out" --no-progress > /dev/null
        read -r wall user sys < "$tmp/time"
        reps=$(($(wc -l < "$out/runs.csv") - 1))
        printf 'round %d threads %d: %s s wall, %.2f s CPU, %d replications\n' "$r" "$t" "$wall" \
            "$(echo "$user + $sys" | bc)" "$reps"
        if [ -z "${best[$t]:-}" ] || [ "$(echo "$wall < ${best[$t]}" | bc)" = 1 ]; then
            best[$t]="$wall"
        fi
    done
done
for t in "${threads[@]}"; do
    printf 'threads %d: best %s s wall, %.2f replications/s, %.2fx the throughput of threads %d\n' "$t" "${best[$t]}" \
        "$(echo "$reps / ${best[$t]}" | bc -l)" "$(echo "${best[${threads[0]}]} / ${best[$t]}" | bc -l)" "${threads[0]}"
done
