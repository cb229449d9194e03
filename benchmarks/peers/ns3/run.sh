#!/usr/bin/env bash
# The reference workload in ns-3, beside ftpsim's ReferenceWorkloadBenchmark.
# Usage: benchmarks/peers/ns3/run.sh [N...]   (default: 100 1000)
# Needs Debian's ns-3 (libns3-dev, 3.37, a release build); installs it with apt when missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ ! -d /usr/include/ns3 ]; then
  echo "installing libns3-dev (Debian's ns-3)..." >&2
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get install -y -q libns3-dev >/dev/null
fi
bin="${TMPDIR:-/tmp}/ftpsim-ns3-reference-workload"
if [ ! -x "$bin" ] || [ "$here/reference-workload.cc" -nt "$bin" ]; then
  g++ -O2 -std=c++17 -I/usr/include -I/usr/include/libxml2 "$here/reference-workload.cc" -o "$bin" \
    -lns3-core -lns3-network -lns3-internet -lns3-point-to-point -lns3-applications \
    -lns3-traffic-control -lns3-stats -lns3-bridge 2> >(grep -v "warning" >&2 || true)
fi
echo "     N  sim end(s)       events   wall(s)    events/s  result  ns-3 build"
for n in "${@:-100 1000}"; do
  for k in $n; do "$bin" "$k" 1; done
done
