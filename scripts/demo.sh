#!/usr/bin/env bash
# The demo: installs what is missing, builds swiftdump, and replays pcaps/demo.pcap through a filter.
# Usage: bash scripts/demo.sh ['FILTER EXPRESSION']
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "demo: building swiftdump (swift build --product swiftdump)" >&2
swift build --product swiftdump >&2
bin="$(swift build --show-bin-path)/swiftdump"
filter="${1:-tcp port 80 or udp port 53}"
export TZ=UTC

run() {
    printf '\n$ swiftdump'
    printf ' %q' "$@"
    printf '\n'
    "$bin" "$@"
}

run -n -c 8 -r pcaps/demo.pcap
if "$bin" -d -y EN10MB ip >/dev/null 2>&1; then
    run -n -r pcaps/demo.pcap "$filter"
    run -d "$filter"
    run -n -r pcaps/demo.pcap --count "$filter"
else
    echo
    echo "demo: filter expressions are not available in this build yet:"
    "$bin" -n -r pcaps/demo.pcap "$filter" 2>&1 | sed 's/^/  /' || true
fi
