#!/bin/sh
# Bigger single runs (issue 16): the reference workload at N = 1000, 10 000 and 100 000, each N's
# events per CPU second as a share of N = 1000's on warm code (the target: 80% at 100 000), then the
# heap per established idle connection (both endpoints and the conntrack entry, 100 000
# connections, by class). Builds the benchmarks jar first if it is missing. Run from anywhere:
#   benchmarks/scale.sh
# The reference workload runs with transparent huge pages and the parallel collector (override with
# REFERENCE_JVM_FLAGS): at N = 100 000 each event touches one client's objects somewhere in ~600 MB
# of heap, so with 4 KiB pages nearly every event also misses the TLB; the kernel here gives huge
# pages only to memory that asks for them (transparent_hugepage=madvise), which this flag does.
# G1's write barrier and concurrent refinement cost more than the parallel collector's card mark.
# Measured side by side on a loaded machine (benchmarks/README.md): +30 % events per CPU second at
# N = 100 000, +3 % at N = 1000; results are the same.
set -e
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || mvn -B -ntp -q -DskipTests -pl benchmarks -am package
flags=${REFERENCE_JVM_FLAGS-"-XX:+UseTransparentHugePages -XX:+UseParallelGC"}
# shellcheck disable=SC2086 # the flags are meant to split into words
java $flags -cp "$jar" dev.ftpsim.bench.ReferenceWorkloadBenchmark 1000 10000 100000
java -cp "$jar" dev.ftpsim.bench.IdleConnectionFootprint 100000
