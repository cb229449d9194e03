#!/usr/bin/env bash
# The issue's 26 examples in one `ftpsim run`, by variant of the JVM's flags, with the CPU split by
# the JVM's threads (read from /proc every 0.1 s, Linux only): the simulations (the file workers
# `ftpsim-run`, explain's fix trials `pool-*`, and `main`, which runs the files with --threads 1),
# the JIT compilers (C1, C2), the report's ladder drawn by a second run (`ftpsim-ladder`), the
# garbage collector and the rest. The variants take turns in each round, so
# a machine whose load drifts treats them alike; under load compare the CPU, not the wall.
#
#   benchmarks/scripts/examples-cpu.sh [VARIANT...]
#   ROUNDS=3 THREADS="1 2" benchmarks/scripts/examples-cpu.sh launcher "-XX:-TieredCompilation"
#
# A variant is "launcher" (the launcher's own choice) or flags passed as FTPSIM_JAVA_OPTS (a
# variant naming "Tier" replaces the launcher's thresholds, see parallel_run_flags in ./ftpsim).
set -euo pipefail
# ROOT names another checkout (or a copy of its launcher, examples/ and jar) to measure instead.
root="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
"$root/ftpsim" --version > /dev/null # builds the jar and the archive if they are missing or stale
variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=(launcher)
rounds="${ROUNDS:-1}"
read -r -a threads <<< "${THREADS:-1 2}"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" # issue26, cpu_by_thread
files=()
for f in "${issue26[@]}"; do files+=("$root/examples/$f.yaml"); done
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

by_thread() {
    cpu_by_thread "$1" 'sim=^(ftpsim-run|pool-|java$)' 'c1=^C1 Compiler' 'c2=^C2 Compiler' 'ladder=^ftpsim-ladder' \
        'gc=^(GC Thread|G1 |VM Thread)' 'other=.'
}

echo "the 26 examples, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), rounds $rounds"
for ((r = 1; r <= rounds; r++)); do
    for v in "${variants[@]}"; do
        for t in "${threads[@]}"; do
            opts=""
            [ "$v" = launcher ] || opts="$v"
            out="$tmp/out"
            rm -rf "$out"
            : > "$tmp/samples"
            /usr/bin/time -f "%e %U %S" -o "$tmp/time" env FTPSIM_JAVA_OPTS="$opts" "$root/ftpsim" run "${files[@]}" \
                --threads "$t" --out "$out" --no-progress > "$tmp/stdout" 2>&1 &
            timer=$!
            sample_threads "$timer" "$tmp/samples"
            wait "$timer" || true
            read -r wall user sys < "$tmp/time"
            read -r sim c1 c2 ladder gc other < <(by_thread "$tmp/samples")
            printf 'round %d, %-40s threads %d: %5s s wall, %5.2f s CPU (simulations %s, C1 %s, C2 %s, ladder %s, GC %s, other %s), load %s\n' \
                "$r" "${v:0:40}" "$t" "$wall" "$(echo "$user + $sys" | bc)" "$sim" "$c1" "$c2" "$ladder" "$gc" "$other" \
                "$(cut -d' ' -f1 /proc/loadavg)"
        done
    done
done
