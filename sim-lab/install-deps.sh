#!/usr/bin/env bash
# Installs what sim-lab's real-kernel cross-check drives, from Debian's packages: nftables, iptables, conntrack,
# vsftpd, curl, iproute2; tshark, which the pcap tests read captures with; and chromium, which the
# report page test loads report.html in (headless). Idempotent and quick when they are there. Never fails the build: without
# apt or root it says so, and the lab tests skip with the reason.
set -u
# Package -> a program it installs.
declare -A PROGRAM=([nftables]=nft [iptables]=iptables-restore [conntrack]=conntrack [vsftpd]=vsftpd [curl]=curl [iproute2]=ip [tshark]=tshark [chromium]=chromium)
missing=()
for pkg in nftables iptables conntrack vsftpd curl iproute2 tshark chromium; do
  command -v "${PROGRAM[$pkg]}" >/dev/null 2>&1 || [ -x "/usr/sbin/${PROGRAM[$pkg]}" ] || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "sim-lab: nftables iptables conntrack vsftpd curl iproute2 tshark chromium are installed"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
  echo "sim-lab: cannot install ${missing[*]} (needs apt-get and root); the real-kernel cross-check will skip"
  exit 0
fi
echo "sim-lab: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
  echo "sim-lab: installed ${missing[*]}"
else
  echo "sim-lab: installing ${missing[*]} failed; the real-kernel cross-check will skip"
fi
exit 0
