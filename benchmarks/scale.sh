#!/bin/sh
# Bigger single runs (issue 16): the reference workload at N = 1000, 10 000 and 100 000, then the
# heap per established idle connection (both endpoints and the conntrack entry, 100 000
# connections, by class). Builds the benchmarks jar first if it is missing. Run from anywhere:
#   benchmarks/scale.sh
set -e
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || mvn -B -ntp -q -DskipTests -pl benchmarks -am package
java -cp "$jar" dev.ftpsim.bench.ReferenceWorkloadBenchmark 1000 10000 100000
java -cp "$jar" dev.ftpsim.bench.IdleConnectionFootprint 100000
