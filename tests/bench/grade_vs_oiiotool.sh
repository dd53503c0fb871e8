#!/usr/bin/env bash
# Times `emulsion grade --exposure 1` against `oiiotool --mulc 2` on the same 4096x2160 half
# RGBA EXR, same machine, same run, and prints the ratio. Not part of the test suite.
#   tests/bench/grade_vs_oiiotool.sh [RUNS] [COMPRESSION]     (defaults: 5, zip)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
compression=${2:-zip}
emulsion=${EMULSION:-build/release/ui/cli/emulsion}
[[ -x $emulsion ]] || { echo "build first: cmake --build --preset release" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Noise plus a gradient: compresses like a real plate rather than a flat fill.
oiiotool --pattern noise:type=gaussian:mean=0.3:stddev=0.2 4096x2160 4 \
    --pattern fill:topleft=0,0,0,1:topright=1,0.5,0,1:bottomleft=0,0.5,1,1:bottomright=1,1,1,1 \
    4096x2160 4 --add -d half --compression "$compression" -o "$work/in.exr"

# Median wall time of a command over $runs runs, in seconds.
median() {
    local times=()
    for _ in $(seq "$runs"); do
        local t0 t1
        t0=$(date +%s.%N)
        "$@" >/dev/null 2>&1
        t1=$(date +%s.%N)
        times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

# Warm the kernel cache and the page cache once for both.
"$emulsion" grade -q "$work/in.exr" "$work/ours.exr" --exposure 1
oiiotool "$work/in.exr" --mulc 2,2,2,1 --compression "$compression" -o "$work/theirs.exr"

ours=$(median "$emulsion" grade -q "$work/in.exr" "$work/ours.exr" --exposure 1)
theirs=$(median oiiotool "$work/in.exr" --mulc 2,2,2,1 --compression "$compression" \
    -o "$work/theirs.exr")
device=$("$emulsion" info | sed -n 's/^Chosen device: //p')
kernel=$("$emulsion" -v grade "$work/in.exr" "$work/ours.exr" --exposure 1 2>&1 |
    sed -n 's/.*kernels: exposure \([0-9.]*\) ms.*/\1/p')

echo "frame:    4096x2160 half RGBA, $compression, $(du -h "$work/in.exr" | cut -f1)"
echo "machine:  $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
echo "device:   $device"
echo "runs:     $runs (median wall time, whole command: read, GPU, write)"
printf 'emulsion grade --exposure 1:  %.3f s   (exposure kernel %s ms)\n' "$ours" "$kernel"
printf 'oiiotool --mulc 2,2,2,1:      %.3f s\n' "$theirs"
printf 'ratio oiiotool / emulsion:    %.2f\n' "$(awk -v a="$theirs" -v b="$ours" 'BEGIN {print a / b}')"
