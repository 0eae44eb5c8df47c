#!/usr/bin/env bash
# End-to-end allocation check of the real swiftdump executable (release build): runs it under valgrind over
# two captures that differ only in length (demo.pcap's packets cycled to 1,000 and 11,000 packets) and prints
# the extra heap allocations per extra packet. 0.00 means no per-packet allocation on that command line.
#
#   bash Benchmarks/Scripts/mallocs-per-packet.sh ['-nn -v' ...]      (default: a few printing and -w cases)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
command -v valgrind >/dev/null || { echo "mallocs-per-packet: valgrind is not installed (apt-get install valgrind)"; exit 1; }
(cd "$root" && swift build -c release --product swiftdump >/dev/null)
binary="$root/.build/release/swiftdump"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

python3 - "$root/pcaps/demo.pcap" "$scratch" <<'PY'
import struct, sys
data = open(sys.argv[1], 'rb').read()
order = '<' if data[:4] == b'\xd4\xc3\xb2\xa1' else '>'
records, offset = [], 24
while offset + 16 <= len(data):
    _, _, incl, orig = struct.unpack(order + 'IIII', data[offset:offset + 16])
    records.append((incl, orig, data[offset + 16:offset + 16 + incl]))
    offset += 16 + incl
for count in (1000, 11000):
    out, micros = bytearray(data[:24]), 1_700_000_000_000_000
    for i in range(count):
        incl, orig, body = records[i % len(records)]
        micros += 137
        out += struct.pack(order + 'IIII', micros // 1_000_000, micros % 1_000_000, incl, orig) + body
    open(f'{sys.argv[2]}/demo-{count}.pcap', 'wb').write(out)
PY

allocations() {  # capture, arguments...
    local file="$1"; shift
    valgrind --tool=memcheck --leak-check=no "$binary" -r "$file" "$@" 2>&1 >/dev/null \
        | sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p' | tr -d ,
}

if [ $# -eq 0 ]; then
    set -- "-nn" "-nn -v" "-nn -e -vvv" "-nn -x" "-nn tcp port 80" "-w $scratch/out.pcap" "-w $scratch/out.pcap tcp port 80"
fi
for arguments in "$@"; do
    # shellcheck disable=SC2086  # the arguments are meant to be split
    small=$(allocations "$scratch/demo-1000.pcap" $arguments)
    # shellcheck disable=SC2086
    large=$(allocations "$scratch/demo-11000.pcap" $arguments)
    python3 -c "import sys; s, l = int(sys.argv[1]), int(sys.argv[2]); print(f'{sys.argv[3]:40} {s:8} allocs (1,000 packets) {l:8} allocs (11,000 packets)  {(l - s) / 10000:.2f} per packet')" \
        "$small" "$large" "swiftdump -r FILE ${arguments//$scratch\//}"
done
