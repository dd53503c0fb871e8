#!/usr/bin/env bash
# Render throughput of the demo timeline (4 shots, 48 frames of 256x144 camera originals:
# EXR, DPX, CinemaDNG, ProRes; a 12-node grade per shot) to each preset this build can render,
# and, for the file formats, the same encode done by ffmpeg or oiiotool from already rendered
# 16-bit TIFF frames. Ours includes decoding the originals, raw development, the grade and the
# colour transforms on the GPU; theirs is the encode alone. Not part of the test suite.
#   tests/bench/render_presets.sh [RUNS]        (default 3; EMULSION=path/to/emulsion)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
emulsion=${EMULSION:-build/release/ui/cli/emulsion}
[[ -x $emulsion ]] || { echo "build first: cmake --build --preset release" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$emulsion" demo -q --out "$work/demo"
project="$work/demo/demo.emulsion"
frames=48

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Median wall seconds of a command over $runs runs; $out is emptied before each run.
wall() {
    for _ in $(seq "$runs"); do
        rm -rf "$work/cmp" && mkdir -p "$work/cmp"
        local t0 t1
        t0=$(date +%s.%N)
        "$@" >/dev/null 2>&1
        t1=$(date +%s.%N)
        awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}'
    done | median
}

# Render loop frames/s (as `render` reports it) and whole-command frames/s, medians.
declare -A ours
printf '%-22s %12s %14s\n' preset "render fps" "command fps"
for preset in $("$emulsion" presets --json | python3 -c \
    'import json,sys; [print(p["name"]) for p in json.load(sys.stdin) if p["available"]]'); do
    loop=()
    whole=()
    for _ in $(seq "$runs"); do
        rm -rf "$work/out"
        t0=$(date +%s.%N)
        line=$("$emulsion" render "$project" --preset "$preset" --out "$work/out" | grep 'frames/s')
        t1=$(date +%s.%N)
        loop+=("$(echo "$line" | awk '{print $3}')")
        whole+=("$(awk -v a="$t0" -v b="$t1" -v n=$frames 'BEGIN {print n / (b - a)}')")
    done
    ours[$preset]=$(printf '%s\n' "${loop[@]}" | median)
    printf '%-22s %12.1f %14.1f\n' "$preset" "${ours[$preset]}" \
        "$(printf '%s\n' "${whole[@]}" | median)"
done

# The same deliverables encoded by the reference tools from rendered 16-bit TIFF frames.
"$emulsion" render "$project" --preset tiff-16bit --out "$work/src" -q
tif="$work/src/EMULSION_DEMO_CUT_tiff-16bit/EMULSION_DEMO_CUT_tiff-16bit.%07d.tif"
compare() {  # preset, seconds
    awk -v p="$1" -v s="$2" -v n=$frames -v o="${ours[$1]:-0}" \
        'BEGIN {printf "%-22s reference %8.1f fps   ours/reference %5.2f\n", p, n / s, o / (n / s)}'
}
ff=(ffmpeg -v error -y -start_number 86400 -framerate 24 -i "$tif")
compare prores-4444-master "$(wall "${ff[@]}" -c:v prores_ks -profile:v 4444 -vendor apl0 \
    -pix_fmt yuv444p10le "$work/cmp/x.mov")"
compare prores-4444xq-master "$(wall "${ff[@]}" -c:v prores_ks -profile:v 5 -vendor apl0 \
    -pix_fmt yuv444p10le "$work/cmp/x.mov")"
compare prores-422hq "$(wall "${ff[@]}" -c:v prores_ks -profile:v 3 -vendor apl0 \
    -pix_fmt yuv422p10le "$work/cmp/x.mov")"
compare dnxhr-hqx-master "$(wall "${ff[@]}" -c:v dnxhd -profile:v dnxhr_hqx \
    -pix_fmt yuv422p10le "$work/cmp/x.mov")"
compare dnxhr-444-master "$(wall "${ff[@]}" -c:v dnxhd -profile:v dnxhr_444 \
    -pix_fmt yuv444p10le "$work/cmp/x.mov")"
oiio=(oiiotool --frames 86400-86447 "${tif/\%07d/#######}")
compare aces-archival-master "$(wall "${oiio[@]}" -d half --compression none \
    -o "$work/cmp/x.#######.exr")"
compare exr-half-piz "$(wall "${oiio[@]}" -d half --compression piz -o "$work/cmp/x.#######.exr")"
compare dpx-log-master "$(wall "${oiio[@]}" -d uint10 -o "$work/cmp/x.#######.dpx")"
compare dpx-16bit-master "$(wall "${oiio[@]}" -d uint16 -o "$work/cmp/x.#######.dpx")"
compare tiff-16bit "$(wall "${oiio[@]}" -d uint16 -o "$work/cmp/x.#######.tif")"
echo "device: $("$emulsion" info | sed -n 's/^Chosen device: //p'); $(nproc) cores"
