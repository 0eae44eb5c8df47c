#!/usr/bin/env bash
# Installs what swiftdump needs on a fresh Debian machine (libpcap, libbpf, tcpdump as the test oracle).
set -euo pipefail
need=()
command -v tcpdump >/dev/null 2>&1 || need+=(tcpdump)
pkg-config --exists libpcap 2>/dev/null || need+=(libpcap-dev)
pkg-config --exists libbpf 2>/dev/null || need+=(libbpf-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
if [ ${#need[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "setup: installing ${need[*]}" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
