#pragma once

// Camera-original-sized media the decode benchmarks write for themselves: 4096x2160 frames of
// a smooth gradient plus signal-dependent noise, so they compress like a plate rather than a
// flat fill. The content is deterministic (an integer hash, no random engines).

#include <filesystem>
#include <string>

#include "emulsion/media/ExrFrame.h"

namespace emu::bench {

constexpr int kPlateWidth = 4096;  // [px] 4K DCI
constexpr int kPlateHeight = 2160;
constexpr int kExrFrames = 10;  // frames of each EXR sequence, numbered from 1
constexpr int kDngFrames = 4;   // frames of the CinemaDNG sequence, numbered from 1

// Where the media live: $EMULSION_BENCH_MEDIA when set (created if missing and kept, so a
// script can run other tools on the same files; files already there are reused), else a new
// folder under the system temporary directory, removed when the process exits.
// Thread: first call from one thread.
const std::filesystem::path& benchMediaDir();

// The pattern of a half RGB EXR sequence with `compression` ("plate_zip.%04d.exr"), its
// frames written first when missing. Empty on a write error (reported on stderr).
std::string exrSequence(media::ExrCompression compression);

// The pattern of a CinemaDNG sequence (media::writeCinemaDng, the default test camera) of the
// same scene in linear ACES2065-1, written first when missing; empty on a write error.
std::string dngSequence();

}  // namespace emu::bench
