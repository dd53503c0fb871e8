#pragma once

#include <filesystem>

#include "emulsion/core/Result.h"
#include "emulsion/media/DpxFrame.h"

namespace emu::media {

// Limits on what a DPX header may ask for before anything is sized from it.
constexpr int kMaxDpxDimensionPx = 1 << 20;
constexpr std::int64_t kMaxDpxPixels = std::int64_t(1) << 28;

// Decodes the first image element of a DPX (SMPTE 268M) file of either byte order ("SDPX" or
// "XPDS"): RGB, RGBA or luminance; 8, 10, 12 or 16 bits; packed, filled method A or B; found at
// the element's data offset (else the file header's). Pixels stay in stored order whatever the
// orientation field says. Industry headers are read when the file has them. Further image
// elements are not read: the frame's warnings say so. A time code that is not valid BCD is left
// out with a warning.
// The header is checked before anything is allocated from it: the dimensions (at most 2^20 on a
// side, 2^28 pixels) and the bytes the pixels need from the data offset, which must lie within
// the file.
// Failure: NotFound for a missing file; IoError for a directory or an unreadable file;
// CorruptData for a wrong magic number, a truncated file or impossible header values;
// Unsupported for valid files this reader does not decode (other descriptors, signed, float or
// 1-bit samples, run-length encoding, unknown packings). Every message is "path: problem".
// No exception escapes.
// Thread: safe to call concurrently on any files.
Result<DpxFrame> readDpx(const std::filesystem::path& path);

// The header alone, checked as readDpx checks it (the pixel data must be present in full).
// Failure and thread: as readDpx.
Result<DpxHeader> probeDpx(const std::filesystem::path& path);

}  // namespace emu::media
