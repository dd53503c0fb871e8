#!/usr/bin/env bash
# Decode throughput of camera originals at 4096x2160, same machine, same run:
#  - half RGB EXR sequences (ZIP, PIZ, DWAA; 10 frames written by emulsion_bench itself) read by
#    media::readExr at 1, 2, 4, ... nproc threads, against `oiiotool --native -i:now=1` reading
#    the same files with as many threads;
#  - a CinemaDNG sequence (media::writeCinemaDng): RawReader decode, GPU demosaic (bilinear,
#    directional) and LibRaw's own AHD (dcraw_process) on the same file.
# Builds nothing; not part of the test suite. Prints medians of RUNS runs (frames/s).
#   tests/bench/media_decode.sh [RUNS]      (default 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
bench=${EMULSION_BENCH:-build/release/tests/bench/emulsion_bench}
[[ -x $bench ]] || {
    echo "build first: cmake --preset release -DEMULSION_BUILD_BENCHMARKS=ON &&" \
        "cmake --build --preset release --target emulsion_bench (or set EMULSION_BENCH)" >&2
    exit 1
}
for tool in oiiotool jq /usr/bin/time; do
    command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export EMULSION_BENCH_MEDIA=$work/media  # the benchmark writes its media here, kept for oiiotool
results=$work/results.tsv                 # key <tab> value, one line per measurement
: >"$results"

threads=()
for ((t = 1; t < $(nproc); t *= 2)); do threads+=("$t"); done
threads+=("$(nproc)")
compressions=(zip piz dwaa)  # the order of ExrDecodeBench.cpp's compression argument
spends=(pipeline frames chunks)
frames=10                    # bench::kExrFrames

# Wall time and CPU time (user + system, all threads) of a command: "WALL CPU" in seconds.
timed() {
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null 2>&1
    awk '{print $1, $2 + $3}' "$work/time"
}

# Runs the benchmarks matching a filter and prints their JSON report.
bench_json() {
    "$bench" --benchmark_filter="$1" --benchmark_format=json 2>/dev/null
}

for run in $(seq "$runs"); do
    echo "run $run of $runs ..." >&2
    for ci in 0 1 2; do
        c=${compressions[$ci]}
        for t in "${threads[@]}"; do
            # Ours (the first run also writes the sequence, before its timed loop).
            bench_json "^exrDecode/compression:$ci/spend:[0-9]/threads:$t/" |
                jq -r --arg c "$c" --arg t "$t" '.benchmarks[] |
                    (.name | capture("spend:(?<s>[0-9])").s) as $s |
                    "exr\t\($c)\t\($t)\t\($s)\t\(.fps)\t\(.cpu_ms_per_frame)"' |
                awk -F'\t' -v OFS='\t' -v s="${spends[*]}" 'BEGIN {split(s, n, " ")}
                    {k = $1 " " $2 " " $3 " " n[$4 + 1]; print k, $5; print k "_cpu", $6}' \
                    >>"$results"
            # oiiotool: the same frames read and decoded in native half, nothing written; then
            # the same command without now=1, which opens every file but decodes nothing, to
            # take process start and header parsing out.
            pattern="$EMULSION_BENCH_MEDIA/plate_$c.#.exr"
            opts=(--threads "$t" --oiioattrib exr_threads "$t" --frames "1-$frames" --native)
            read -r full fullCpu < <(timed oiiotool "${opts[@]}" -i:now=1 "$pattern")
            read -r headers headersCpu < <(timed oiiotool "${opts[@]}" "$pattern")
            awk -v k="exr $c $t oiiotool" -v w="$full" -v h="$headers" -v wc="$fullCpu" \
                -v hc="$headersCpu" -v n="$frames" -v OFS='\t' 'BEGIN {
                    print k "_whole", n / w; print k "_decode", n / (w - h)
                    print k "_decode_cpu", 1000 * (wc - hc) / n }' >>"$results"
        done
    done
    bench_json '^(dngDecode|dngDemosaic|libRawAhd)' |
        jq -r '.benchmarks[] | (.name | split("/")[0:2] | join("/")) as $n |
            to_entries[] | select(.key | test("fps|_ms$")) | "dng \($n) \(.key)\t\(.value)"' \
            >>"$results"
done

# Median per key.
medians=$work/medians.tsv
sort -t$'\t' -k1,1 -k2,2g "$results" |
    awk -F'\t' -v OFS='\t' '
        $1 != key { if (n) print key, v[int((n + 1) / 2)]; key = $1; n = 0 }
        { v[++n] = $2 }
        END { if (n) print key, v[int((n + 1) / 2)] }' >"$medians"
get() { awk -F'\t' -v k="$1" '$1 == k {print $2}' "$medians"; }

echo "machine:  $(nproc) threads, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "tools:    oiiotool $(oiiotool --version), $("$bench" --benchmark_filter=libRawAhd \
    --benchmark_format=json 2>/dev/null | jq -r '.benchmarks[0].label')"
echo "runs:     $runs (medians); EXR: $frames frames of 4096x2160 half RGB, from the page cache"
echo
echo "EXR decode. frames/s on the wall clock: emulsion's three ways of using the threads"
echo "(pipeline = what \`emulsion grade\` does), oiiotool decoding (its whole command less the"
echo "same command without decoding) and whole; then CPU ms per frame (all threads, user+system)."
echo "Ratios are emulsion pipeline / oiiotool decode: above 1, emulsion is faster or cheaper."
printf '%-5s %3s %8s %6s %6s %6s %6s %6s  %8s %8s %6s\n' compr thr pipeline frames chunks \
    "oiio" "whole" "ratio" "cpu emu" "cpu oiio" "ratio"
for c in "${compressions[@]}"; do
    for t in "${threads[@]}"; do
        p=$(get "exr $c $t pipeline")
        o=$(get "exr $c $t oiiotool_decode")
        pc=$(get "exr $c $t pipeline_cpu")
        oc=$(get "exr $c $t oiiotool_decode_cpu")
        printf '%-5s %3s %8.2f %6.2f %6.2f %6.2f %6.2f %6.2f  %8.1f %8.1f %6.2f\n' "$c" "$t" \
            "$p" "$(get "exr $c $t frames")" "$(get "exr $c $t chunks")" "$o" \
            "$(get "exr $c $t oiiotool_whole")" "$(awk -v a="$p" -v b="$o" 'BEGIN {print a / b}')" \
            "$pc" "$oc" "$(awk -v a="$pc" -v b="$oc" 'BEGIN {print b / a}')"
    done
done
echo
echo "CinemaDNG 4096x2160 (uncompressed 16-bit CFA), frames/s and ms per frame"
printf '%-34s %7s  %s\n' step fps "ms per frame"
printf '%-34s %7.2f\n' "RawReader decode (LibRaw unpack)" "$(get 'dng dngDecode/iterations:3 fps')"
for m in 0 1; do
    k="dng dngDemosaic/directional:$m"
    name=$([[ $m == 0 ]] && echo bilinear || echo directional)
    printf '%-34s %7.2f  upload %.1f, demosaic %.1f (kernels %.1f), download %.1f\n' \
        "GPU $name (up+demosaic+down)" "$(get "$k fps")" "$(get "$k upload_ms")" \
        "$(get "$k demosaic_ms")" "$(get "$k kernel_ms")" "$(get "$k download_ms")"
done
k="dng libRawAhd/iterations:4"
printf '%-34s %7.2f  open+unpack %.1f, dcraw_process %.1f\n' "LibRaw AHD (open+unpack+process)" \
    "$(get "$k fps")" "$(get "$k decode_ms")" "$(get "$k process_ms")"
