#pragma once

#include <filesystem>
#include <vector>

#include "emulsion/core/Status.h"

namespace emu::media {

// Writes interleaved float samples (full scale +-1, clipped there) as a RIFF/WAVE file of
// 24-bit PCM, the sample format a final mix is delivered in. Through a temporary and a rename:
// nothing half-written under `path`. Failure: InvalidArgument (channels outside 1..8, a sample
// count that is not a whole number of frames, a file past RIFF's 4 GiB), IoError naming `path`.
// Thread: any.
Status writeWav24(const std::filesystem::path& path, int sampleRate, int channels,
                  const std::vector<float>& interleaved);

}  // namespace emu::media
