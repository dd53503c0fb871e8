#pragma once

// Movies for the movie tests, made by the ffmpeg command line, and its own decode of them to
// compare against.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "Shell.h"
#include "emulsion/media/Image.h"

namespace emu::test {

// Runs `ffmpeg -f lavfi -i SOURCE OPTIONS PATH`, e.g. source "testsrc2=s=64x48:r=24" and options
// "-frames:v 20 -c:v prores_ks -profile:v 3".
CommandResult makeMovie(const std::filesystem::path& path, const std::string& source,
                        const std::string& options);

// Runs ffprobe with `arguments` on the file; stdout and stderr together.
CommandResult runFfprobe(const std::filesystem::path& path, const std::string& arguments);

// ffmpeg's own decode of frame `n` (counted as its select filter counts decoded pictures),
// converted by its default scaler to 16-bit RGB (`-pix_fmt rgb48le`), or RGBA (`rgba64le`) when
// `alpha`, as a float image normalised by 65535 (alpha 1 without `alpha`). Empty when ffmpeg
// fails or gives other than widthPx x heightPx pixels.
media::Image ffmpegFrame(const std::filesystem::path& path, int n, int widthPx, int heightPx,
                         bool alpha);

}  // namespace emu::test
