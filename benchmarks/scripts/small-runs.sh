#!/usr/bin/env bash
# How long an engineer waits for `ftpsim run` (issue 16, "instant small runs"), through the
# ./ftpsim launcher as users start it:
#   1. one small example: wall time until the verdict is printed and until the process ends, and
#      the process's CPU time, for the launcher's choice of JVM flags (a small run: C1 only and the
#      serial collector, with the class-data archive), the same with --png (the bitmap plot that
#      run writes only when asked), the JVM's defaults (FTPSIM_SHORT=off), no
#      archive (FTPSIM_CDS=off), JDK 25's AOT cache if that JDK is installed, and BEFORE's launcher
#      if set (another checkout, e.g. the main branch before a change). The variants take turns in
#      each round, so that a machine whose load drifts treats them alike;
#   2. `ftpsim validate` of the same file;
#   3. every example in one `ftpsim run` invocation, and the 26 examples the issue counted.
# Each figure is the best and the median of ROUNDS runs. Run it on a quiet machine.
#
#   benchmarks/scripts/small-runs.sh [SMALL_EXAMPLE]
#   ROUNDS=10 SKIP_ALL=1 benchmarks/scripts/small-runs.sh examples/passive-client-fw.yaml
#   BEFORE=/path/to/other/checkout benchmarks/scripts/small-runs.sh
#   MANY_THREADS="1 2" (default): the --threads of the several-files runs
#   JDK25=/usr/lib/jvm/temurin-25-jdk-amd64 (default, if present): the JDK of the AOT-cache variant
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
small="$(realpath "${1:-$root/examples/passive-client-fw.yaml}")"
rounds="${ROUNDS:-5}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$root"
./ftpsim --version > /dev/null # builds the jar and the archive if they are missing or stale
[ -z "${BEFORE:-}" ] || "$BEFORE/ftpsim" --version > /dev/null
echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"

now() { date +%s%N; }

# best and median of the numbers on stdin (milliseconds)
stats() { sort -n | awk '{v[NR]=$1} END {printf "best %5d ms, median %5d ms", v[1], v[int((NR+1)/2)]}'; }

# One run of a small example: prints "<ms to verdict> <ms to exit> <CPU ms of the process>". The
# CPU time (all the JVM's threads, the JIT compilers' too) says more than the wall on a busy machine.
timed_run() {
    local start verdict end
    start=$(now)
    verdict=$( { /usr/bin/time -f "%U %S" -o "$tmp/cpu" "$@" || true; } | while IFS= read -r line; do
        if [[ "$line" == Simulated* ]]; then now; fi
    done)
    end=$(now)
    echo "$(((verdict - start) / 1000000)) $(((end - start) / 1000000)) $(awk '{printf "%d", ($1 + $2) * 1000}' "$tmp/cpu")"
}

# The variants: a label, then the command before "run FILE ..." (VARIANT_ARGS: options after it).
labels=() commands=() extras=()
variant() { labels+=("$1"); shift; commands+=("$*"); extras+=("${VARIANT_ARGS:-}"); }
variant "launcher's choice (the default)" env ./ftpsim
VARIANT_ARGS=--png variant "the same with --png (the bitmap plot)" env ./ftpsim
variant "JVM defaults (FTPSIM_SHORT=off)" env FTPSIM_SHORT=off ./ftpsim
variant "no class-data archive (FTPSIM_CDS=off)" env FTPSIM_CDS=off ./ftpsim
jdk25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [ -x "$jdk25/bin/java" ]; then
    # JDK 25's AOT cache (JEP 483/514/515) of a training run like the launcher's, with its flags for a small run.
    jar="$root/sim-scenarios/target/ftpsim.jar"
    "$jdk25/bin/java" -XX:AOTCacheOutput="$tmp/ftpsim.aot" -jar "$jar" run "$root/examples/passive-client-fw.yaml" \
        "$root/examples/active-client-fw.yaml" --out "$tmp/train" --no-progress > /dev/null 2>&1
    variant "JDK 25 + AOT cache, C1 + SerialGC" env "$jdk25/bin/java" -XX:AOTCache="$tmp/ftpsim.aot" \
        -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -jar "$jar"
fi
[ -z "${BEFORE:-}" ] || variant "BEFORE ($BEFORE)" env "$BEFORE/ftpsim"

echo "== ftpsim run $(basename "$small"), $rounds rounds, the variants in turn"
for ((r = 0; r < rounds; r++)); do
    for i in "${!labels[@]}"; do
        read -r v e c < <(timed_run ${commands[$i]} run "$small" --out "$tmp/small" --no-progress ${extras[$i]})
        echo "$v" >> "$tmp/v$i"; echo "$e" >> "$tmp/e$i"; echo "$c" >> "$tmp/c$i"
    done
done
for i in "${!labels[@]}"; do
    printf '%-40s verdict %s; exit %s; CPU %s\n' "${labels[$i]}" "$(stats < "$tmp/v$i")" "$(stats < "$tmp/e$i")" \
        "$(stats < "$tmp/c$i")"
done

echo "== ftpsim validate $(basename "$small")"
for cds in off on; do
    : > "$tmp/e"; : > "$tmp/c"
    for ((r = 0; r < rounds; r++)); do
        s=$(now); FTPSIM_CDS=$cds /usr/bin/time -f "%U %S" -o "$tmp/cpu" ./ftpsim validate "$small" > /dev/null
        echo $((($(now) - s) / 1000000)) >> "$tmp/e"; awk '{printf "%d\n", ($1 + $2) * 1000}' "$tmp/cpu" >> "$tmp/c"
    done
    printf '%-40s exit %s; CPU %s\n' "FTPSIM_CDS=$cds" "$(stats < "$tmp/e")" "$(stats < "$tmp/c")"
done

[ -n "${SKIP_ALL:-}" ] && exit 0
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" # issue26
many() {
    local label="$1"; shift
    for threads in ${MANY_THREADS:-1 2}; do
        for launcher in ./ftpsim ${BEFORE:+"$BEFORE/ftpsim"}; do
            local s; s=$(now)
            /usr/bin/time -f "%U %S" -o "$tmp/cpu" "$launcher" run "$@" --out "$tmp/many" --no-progress \
                --threads "$threads" > "$tmp/many.txt" 2>&1 || true
            printf '%-40s %s --threads %d: %6d ms wall, %6d ms CPU\n' "$label" "$launcher" "$threads" \
                $((($(now) - s) / 1000000)) "$(awk '{printf "%d", ($1 + $2) * 1000}' "$tmp/cpu")"
        done
    done
}
echo "== several files in one invocation (once each)"
many "the issue's 26 examples" $(printf "examples/%s.yaml " "${issue26[@]}")
many "every example ($(ls examples/*.yaml | wc -l) files)" examples/*.yaml
