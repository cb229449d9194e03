#!/usr/bin/env bash
# A sweep's throughput with 1 and with 2 threads (issue 16: 2 threads at least 1.8x one).
# Runs the same sweep from scratch with --threads 1 and --threads 2, alternating, ROUNDS times
# each, and prints each run's wall and CPU seconds, the best wall per thread count, and the ratio
# of throughputs (replications per wall second). Run it on a quiet machine: on a loaded one the
# second thread waits for a core and the ratio says more about the load than about ftpsim.
#
#   benchmarks/scripts/sweep-threads.sh [SCENARIO] [THREADS...]
#   ROUNDS=1 REPLICATIONS=60 benchmarks/scripts/sweep-threads.sh examples/sweep-mode-x-loss.yaml 1 2 2p
#   ROUNDS=5 REPLICATIONS=20 JAVA_OPTS="-XX:+UseParallelGC" benchmarks/scripts/sweep-threads.sh examples/sweep-mode-x-loss.yaml 1 2
#
# The sweeps run through the ./ftpsim launcher, as users start them (its JVM flags for a sweep and
# its class-data archive; JAVA_OPTS is passed on as FTPSIM_JAVA_OPTS). JAR names another build
# to measure instead, started with `java $JAVA_OPTS -jar $JAR` (no launcher flags).
# A thread count "2p" runs two one-thread sweeps at once, each in its own JVM: its throughput (the
# sweeps' replications over the wall) is what two workers would reach if one JVM cost them
# nothing beside each other.
# REPLICATIONS replaces the file's sweep.replications (a bigger sweep makes the JVM's start and its
# JIT compiling, which do not grow with the sweep, a smaller share of the time).
#
# Each run's CPU is also split by the JVM's threads (read from /proc every 0.1 s, Linux only): the
# sweep's workers, the JIT compilers, the garbage collector and the rest (the main thread: start,
# loading, journal, results and report). "busy" is the workers' CPU over threads x wall: below
# 100% the workers waited, for a core or for work. A sweep that scales perfectly spends the same
# CPU with 2 threads as with 1; the JIT's and the main thread's CPU is what a second core does
# for free while one worker runs, and what the second worker has to share a core with.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [ -n "${JAR:-}" ]; then
    [ -f "$JAR" ] || { echo "no such jar: $JAR" >&2; exit 2; }
    start=(java ${JAVA_OPTS:-} -jar "$JAR")
    how="java ${JAVA_OPTS:-} -jar $JAR"
else
    "$root/ftpsim" --version > /dev/null # builds the jar and the archive if they are missing or stale
    start=(env FTPSIM_JAVA_OPTS="${JAVA_OPTS:-}" "$root/ftpsim")
    how="./ftpsim, FTPSIM_JAVA_OPTS='${JAVA_OPTS:-}'"
fi
file="${1:-$root/examples/sweep-mode-x-loss.yaml}"
shift || true
threads=("$@")
[ ${#threads[@]} -gt 0 ] || threads=(1 2)
rounds="${ROUNDS:-3}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if [ -n "${REPLICATIONS:-}" ]; then
    grep -q '^  replications: ' "$file" || { echo "$file has no '  replications: ' line" >&2; exit 2; }
    sed "s/^  replications: .*/  replications: $REPLICATIONS/" "$file" > "$tmp/sweep.yaml"
    file="$tmp/sweep.yaml"
fi

# CPU seconds of the process's threads by kind, from the samples in $1 (each line a /proc stat line).
by_thread() {
    cpu_by_thread "$1" 'workers=^sweep-[0-9]' 'jit=^C[12] Compiler' 'gc=^(GC Thread|G1 |VM Thread)' 'other=.'
}
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" # cpu_by_thread

echo "sweep $file, $how, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A best
for ((r = 1; r <= rounds; r++)); do
    for t in "${threads[@]}"; do
        # "2p": two one-thread sweeps at once, each in its own JVM (what one JVM's workers lose to each other).
        procs=1 n="$t"
        if [[ "$t" == *p ]]; then procs="${t%p}" n=1; fi
        : > "$tmp/samples"
        timers=()
        begin="$(date +%s.%N)"
        for ((i = 1; i <= procs; i++)); do
            # A fresh folder each time: --restart alone would still read the old journal.
            out="$tmp/t$t-r$r-$i"
            /usr/bin/time -f "%e %U %S" -o "$tmp/time$i" "${start[@]}" sweep "$file" --threads "$n" \
                --out "$out" --no-progress > /dev/null &
            timers+=($!)
        done
        alive() { local x; for x in "${timers[@]}"; do kill -0 "$x" 2>/dev/null && return 0; done; return 1; }
        while alive; do
            for timer in "${timers[@]}"; do
                pid="$(pgrep -P "$timer" -x java || true)"
                [ -z "$pid" ] || cat /proc/"$pid"/task/*/stat >> "$tmp/samples" 2>/dev/null || true
            done
            sleep 0.1
        done
        wait "${timers[@]}"
        wall="$(echo "$(date +%s.%N) - $begin" | bc)"
        [ "$procs" != 1 ] || read -r wall user sys < "$tmp/time1"
        cpu=0
        for ((i = 1; i <= procs; i++)); do
            read -r _ user sys < "$tmp/time$i"
            cpu="$(echo "$cpu + $user + $sys" | bc)"
        done
        read -r workers jit gc other < <(by_thread "$tmp/samples")
        reps=$(($(wc -l < "$out/runs.csv") - 1))
        printf 'round %d threads %s: %.2f s wall, %.2f s CPU (workers %s, JIT %s, GC %s, other %s; busy %.0f%%), %d replications, load %s\n' \
            "$r" "$t" "$wall" "$cpu" "$workers" "$jit" "$gc" "$other" \
            "$(echo "100 * $workers / ($procs * $n * $wall)" | bc -l)" "$((procs * reps))" "$(cut -d' ' -f1 /proc/loadavg)"
        # Compared per replication: N processes run N times the sweep.
        per="$(echo "$wall / $procs" | bc -l)"
        if [ -z "${best[$t]:-}" ] || [ "$(echo "$per < ${best[$t]}" | bc)" = 1 ]; then
            best[$t]="$per"
        fi
    done
done
for t in "${threads[@]}"; do
    printf 'threads %s: best %.2f s wall per sweep, %.2f replications/s, %.2fx the throughput of threads %s\n' "$t" "${best[$t]}" \
        "$(echo "$reps / ${best[$t]}" | bc -l)" "$(echo "${best[${threads[0]}]} / ${best[$t]}" | bc -l)" "${threads[0]}"
done
