#!/bin/sh
# Regenerates parser-differential-1.10.3.tsv with the local tcpdump (libpcap 1.10.3):
# the hand-written tricky cases, then generated and mutated expressions (any primitives;
# primitives that compile on EN10MB, so fewer code-generation errors hide parse errors;
# random token sequences).
set -e
cd "$(dirname "$0")"
tmp=$(mktemp -d)
python3 parser-fuzz-generate.py 1 2000 > "$tmp/gen1.txt"
python3 parser-fuzz-generate.py 7 2500 --valid > "$tmp/gen2.txt"
python3 parser-fuzz-generate.py 3 1000 --tokens > "$tmp/gen3.txt"
{
  python3 parser-fuzz-run-tcpdump.py parser-tricky.txt EN10MB
  python3 parser-fuzz-run-tcpdump.py "$tmp/gen1.txt" EN10MB
  python3 parser-fuzz-run-tcpdump.py "$tmp/gen2.txt" EN10MB
  python3 parser-fuzz-run-tcpdump.py "$tmp/gen3.txt" EN10MB
} | awk -F'\t' 'NF==3' > parser-differential-1.10.3.tsv
rm -r "$tmp"
