#pragma once

// Private to the media module: the checks a file passes before OpenEXR's C++ library sees it.

#include <cstdint>
#include <filesystem>

#include "emulsion/core/Status.h"

namespace emu::media {

// Limits on what a header may claim. The C++ library sizes its chunk tables and buffers from the
// header before it has read any pixel, so a damaged or hostile header must be refused first.
inline constexpr std::int64_t kMaxExrDimensionPx = std::int64_t(1) << 20;
inline constexpr std::int64_t kMaxExrPixels = std::int64_t(1) << 28;  // 16384 x 16384
inline constexpr std::int64_t kMaxExrTilePixels = std::int64_t(1) << 24;
inline constexpr std::int64_t kMaxExrChunks = std::int64_t(1) << 24;

// Checks that `path` is a readable regular file holding OpenEXR headers that OpenEXR's core
// (C) parser accepts, and that no part claims more than the limits above or more chunks than
// the file has bytes for. Reads the headers only.
// Failure: NotFound (missing), IoError (a directory, not a regular file, unreadable),
// CorruptData (anything else); the message starts with the path.
// Thread: any; touches no shared state.
Status preflightExr(const std::filesystem::path& path);

}  // namespace emu::media
