#!/bin/sh
# Builds the fuzz targets (release, libFuzzer + ASan) and runs one of them.
#   FuzzTesting/run.sh TARGET [SECONDS | -runs=N] [extra libFuzzer flags...]
#   FuzzTesting/run.sh TARGET replay      # run every FailCases/TARGET file once, no fuzzing
# TARGET: FuzzFilter, FuzzSavefile, FuzzPrinters (packet decoders/printers), FuzzCBPF.
# The seed corpus is regenerated into .corpus/TARGET from ../pcaps and the shared exprs.tsv; the grown corpus
# stays there (ignored by git). Crash/timeout reproducers are written to FailCases/TARGET/.
set -eu
cd "$(dirname "$0")"
target=${1:?usage: run.sh TARGET [seconds|-runs=N|replay] [libFuzzer flags...]}
shift
limit=${1:-600}
[ $# -gt 0 ] && shift
swift build -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address --product "$target" 2>&1 \
    | grep -E "error|warning: |Compiling|Build" | grep -v "Cannot export local symbol" || true
bin=.build/release/$target
[ -x "$bin" ] || { echo "run.sh: $bin was not built" >&2; exit 1; }
export SWIFT_BACKTRACE=enable=no   # the backtracer helper hangs after a libFuzzer crash
mkdir -p "FailCases/$target"
if [ "$limit" = replay ]; then
    set -- $(find "FailCases/$target" -type f ! -name .keep | sort)
    [ $# -eq 0 ] && { echo "run.sh: no FailCases for $target"; exit 0; }
    exec "$bin" "$@"
fi
case "$limit" in
    -runs=*) stop=$limit ;;
    *) stop=-max_total_time=$limit ;;
esac
corpus=.corpus/$target
if [ ! -d "$corpus" ]; then
    python3 ./make-seeds.py "$target" "$corpus"
fi
dict=
[ "$target" = FuzzFilter ] && dict=-dict=filter.dict
maxlen=-max_len=4096
[ "$target" = FuzzFilter ] && maxlen=-max_len=512
exec "$bin" $stop -timeout=10 -rss_limit_mb=3072 $maxlen $dict -print_final_stats=1 \
    -artifact_prefix="FailCases/$target/" "$@" "$corpus"
