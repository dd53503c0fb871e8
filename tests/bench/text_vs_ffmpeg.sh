#!/bin/sh
# Burn-ins and the H.264 review encode at 1920x1080: emulsion (text_bench) against ffmpeg's
# drawtext filter and libx264 on the same frames.
#   tests/bench/text_vs_ffmpeg.sh [BUILD_DIR] [FRAMES] [X264_PRESET]
# text_bench makes the frames (the synthetic scene through a simple display rendering), times
# its own burn-in and encode, and dumps the frames as rgb48le; ffmpeg then reads that dump.
# drawtext's cost per frame is the difference in user CPU time (ffmpeg -benchmark's utime: wall
# time is too noisy on a shared machine) between ffmpeg runs with and without the four drawtext
# filters (same fields, size, boxes and places as the review layout), divided by the frame
# count (the input looped ten times); the median of 3 runs each. The encode is reported as wall-clock fps and CPU time a frame.
set -eu
build=${1:-build/release}
frames=${2:-48}
preset=${3:-medium}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$build/tests/bench/text_bench" "$frames" "$work/frames.rgb48" "$preset" 2>/dev/null

font=/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf
input="-f rawvideo -pix_fmt rgb48le -s 1920x1080 -r 24 -i $work/frames.rgb48"
size=43   # 0.04 x 1080, the review layout's text height
dt="drawtext=fontfile=$font:fontsize=$size:fontcolor=white:box=1:boxcolor=black@0.55:boxborderw=11"
tc="timecode='01\\:00\\:00\\:00':rate=24"
filters="$dt:text=SC12 TK3:x=32:y=32,$dt:text=CONFIDENTIAL:x=(w-tw)/2:y=32,\
$dt:$tc:text=SRC :x=w-tw-32:y=32,$dt:$tc:x=(w-tw)/2:y=h-th-32"

utime() {  # median user CPU seconds of 3 runs of an ffmpeg command (-benchmark)
    for i in 1 2 3; do
        "$@" 2>&1 | sed -n 's/.*utime=\([0-9.]*\)s.*/\1/p'
    done | sort -n | sed -n 2p
}
rtime() {  # median wall seconds of the same
    for i in 1 2 3; do
        "$@" 2>&1 | sed -n 's/.*rtime=\([0-9.]*\)s.*/\1/p'
    done | sort -n | sed -n 2p
}

ff="ffmpeg -nostdin -hide_banner -y -benchmark"
# The frames ten times over, so that drawtext's share stands out of the run-to-run noise.
looped="-stream_loop 9 $input"
plain=$(utime $ff $looped -vf format=rgb24 -f null -)
drawn=$(utime $ff $looped -vf "format=rgb24,$filters" -f null -)
echo "ffmpeg drawtext (4 fields, rgb24): $(echo "scale=3; 100 * ($drawn - $plain) / $frames" | bc) ms CPU a frame"
x264="-c:v libx264 -preset $preset -crf 18 -pix_fmt yuv420p -colorspace bt709 \
-color_primaries bt709 -color_trc bt709 -color_range tv -x264-params log=0 $work/review.mp4"
enc=$(rtime $ff $input $x264)
cpu=$(utime $ff $input $x264)
echo "ffmpeg libx264 (CRF 18, preset $preset, rgb48le in): $(echo "scale=2; $frames / $enc" | bc) fps, $(echo "scale=1; 1000 * $cpu / $frames" | bc) ms CPU a frame"
