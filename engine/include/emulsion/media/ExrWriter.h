#pragma once

#include <filesystem>
#include <vector>

#include "emulsion/core/Status.h"
#include "emulsion/media/ExrFrame.h"

namespace emu::media {

// Writes `frame` as a single-part OpenEXR file. Keeps the frame's layout (Rgba -> R,G,B,A;
// Rgb -> R,G,B; Y -> Y and Ya -> Y,A, both taken from the image's R channel), its sample type,
// storage and tile size, compression, windows, pixel aspect ratio, part name and layer prefix.
// Attributes: the passthrough first, then the typed ones over it; structure always comes from
// the frame. LuminanceChroma goes through OpenEXR's RGBA interface (Y,RY,BY, plus A unless
// every alpha is 1), always half, always scanline (OpenEXR cannot tile subsampled channels),
// only in the default layer, and needs a data window origin at even coordinates.
// Lossless compressions (isLossless) reproduce every bit. Pxr24 rounds float to 24 bits and
// is exact for half; B44/B44A are lossy for half and store float unchanged; DWAA/DWAB are lossy.
// The file is written under a temporary name in the same directory and renamed into place once
// complete and synced, so on any failure nothing appears under `path` and a file already there
// is untouched.
// Failure: InvalidArgument (image size not the data window's, tiled without a tile size, bad
// attribute values, parts disagreeing on shared attributes), Unsupported (luminance/chroma in
// a layer or a multi-part file), NotFound (missing directory), IoError (permission, disk
// full...); messages name `path`. No exception escapes.
// Thread: safe to call concurrently for different paths; encoding uses OpenEXR's global thread
// pool (see setExrThreadCount).
Status writeExr(const std::filesystem::path& path, const ExrFrame& frame);

// Writes each frame as one part of a multi-part file, in order. Every frame needs a distinct,
// non-empty partName, and the parts must agree on the attributes OpenEXR requires to be shared
// (display window, pixel aspect ratio, time code, chromaticities). Luminance/chroma frames are
// refused (Unsupported) unless there is only one frame.
// Failure and thread: as writeExr.
Status writeExrParts(const std::filesystem::path& path, const std::vector<ExrFrame>& frames);

}  // namespace emu::media
