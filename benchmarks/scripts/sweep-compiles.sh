#!/usr/bin/env bash
# What C2 compiles, and compiles again, during one sweep (issue 16: the JIT's CPU is what keeps two
# threads from 1.8x one). Runs the sweep once with the launcher's sweep flags (C2 alone, ParallelGC)
# plus -XX:+PrintCompilation and a JFR recording of every compilation and deoptimization, then
# prints: compilations in all and of ftpsim's code, methods made not entrant, the compiled units of
# sim-core's TCP compiled most often (with their compilers' wall time: under load, not CPU), and
# where the deoptimizations that threw away ftpsim's compiled code came from (method, line, reason).
#
#   benchmarks/scripts/sweep-compiles.sh [SCENARIO] [THREADS]
#   JAR=/tmp/old.jar REPLICATIONS=20 benchmarks/scripts/sweep-compiles.sh examples/sweep-mode-x-loss.yaml 2
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="${JAR:-$root/sim-scenarios/target/ftpsim.jar}"
[ -f "$jar" ] || { echo "no such jar: $jar (build with mvn -B -ntp -DskipTests -pl sim-scenarios -am package)" >&2; exit 2; }
file="${1:-$root/examples/sweep-mode-x-loss.yaml}"
threads="${2:-2}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if [ -n "${REPLICATIONS:-}" ]; then
    sed "s/^  replications: .*/  replications: $REPLICATIONS/" "$file" > "$tmp/sweep.yaml"
    file="$tmp/sweep.yaml"
fi
# JFR's default settings keep compilations of 100 ms and more only: record all of them.
sed '/<event name="jdk.Compilation">/,/<\/event>/s|<setting name="threshold"\([^>]*\)>[^<]*<|<setting name="threshold"\1>0 ms<|' \
    "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc" > "$tmp/all.jfc"
java -XX:-TieredCompilation -XX:+UseParallelGC -XX:+PrintCompilation \
    -XX:StartFlightRecording=filename="$tmp/rec.jfr",settings="$tmp/all.jfc" \
    -jar "$jar" sweep "$file" --threads "$threads" --out "$tmp/out" --no-progress > "$tmp/pc.log" 2> /dev/null
echo "sweep $file, $jar, --threads $threads, load $(cut -d' ' -f1-3 /proc/loadavg)"
grep -v ' made ' "$tmp/pc.log" | grep '::' > "$tmp/compiles" || true
printf 'compilations: %d, of dev.ftpsim code %d, of sim-core TCP %d; made not entrant: %d\n' \
    "$(wc -l < "$tmp/compiles")" "$(grep -c 'dev\.ftpsim' "$tmp/compiles")" \
    "$(grep -c 'dev\.ftpsim\.core\.tcp' "$tmp/compiles")" "$(grep -c 'made not entrant' "$tmp/pc.log")"
jfr print --events jdk.Compilation "$tmp/rec.jfr" | awk '
    /duration =/ { d = $3; if ($4 == "s") d *= 1000; if ($4 == "us") d /= 1000 }
    /method =/ { sub(/.*method = /, ""); m = $0 }
    /compileLevel/ && m ~ /^dev\.ftpsim\.core\.tcp/ { n[m]++; t[m] += d }
    END { for (m in n) printf "%3d compilations %7.1f ms  %s\n", n[m], t[m], m }' | sort -rn | head -12
echo "deoptimizations of ftpsim code (count, where, reason):"
jfr print --events jdk.Deoptimization --stack-depth 1 "$tmp/rec.jfr" | awk '
    /method =/ { sub(/.*method = /, ""); m = $0 } /lineNumber =/ { l = $3 } /reason =/ { r = $3 }
    /action =/ && m ~ /^dev\.ftpsim/ { print m " line " l " " r }' | sort | uniq -c | sort -rn | head -20
