#pragma once

#include <filesystem>

#include "emulsion/core/Status.h"
#include "emulsion/media/DpxFrame.h"

namespace emu::media {

// Writes `frame` as a DPX (SMPTE 268M) file, version "V2.0", with one image element whose
// pixels start at byte 8192. From frame.header it takes: the byte order (big-endian unless
// told otherwise), bit depth (8, 10, 12 or 16) and packing (10 and 12 bits: packed, filled A
// or filled B), the descriptor (RGB, RGBA, or luminance taken from the image's R channel),
// transfer and colorimetric, reference codes and quantities, creation time (now, UTC, when
// empty), creator, project, copyright, input device (reel) and its serial, pixel aspect, edge
// code, film format, film and television frame rates, frame id, slate, time code with its
// user bits, gamma, black and white levels. The size comes from the image; the file-name field
// is the name of `path`; absent values are written as 268M's "undefined". Other header fields
// (version, offsets, orientation, element count) are the writer's own.
// Samples are round(clamp(v, 0, 1) * maxCode), NaN as 0, so what readDpx returned is written
// back bit for bit.
// The file is written under a temporary name in the same directory and renamed into place once
// complete and synced: on any failure nothing appears under `path` and a file already there is
// untouched.
// Failure: InvalidArgument (empty image, a bit depth, packing or descriptor the writer does not
// write, text (edge code parts included) longer than its field), NotFound (missing directory),
// IoError (permission, disk full...); messages are "path: problem". Thread: safe to call
// concurrently for different paths.
Status writeDpx(const std::filesystem::path& path, const DpxFrame& frame);

}  // namespace emu::media
