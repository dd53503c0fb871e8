#pragma once

// What Emulsion reads from a DNG itself rather than through LibRaw: the CinemaDNG tags, and
// a check of the layout (directories, strips, tiles inside the file) before LibRaw reads it.
// Internal to emu_media.

#include <filesystem>
#include <string>

#include "emulsion/core/Result.h"
#include "emulsion/media/Clip.h"

namespace emu::media {

struct DngTags {
    bool isDng = false;     // IFD 0 has DNGVersion
    std::string timecode;   // TimeCodes (51043), first entry
    FrameRate rate;         // FrameRate (51044)
    std::string reel;       // ReelName (51081)
    int bitsPerSample = 0;  // of the raw (CFA) image
};

// For a TIFF-based file: its DNG tags, after checking that every directory, strip and tile of
// the raw image lies inside the file and that an uncompressed image's strips hold all its
// samples. A TIFF that is not a DNG gives isDng false and is not checked further.
// CorruptData naming the file for anything damaged.
Result<DngTags> readDngTags(const std::filesystem::path& path);

// True when the file starts like a TIFF ("II*\0" or "MM\0*").
bool looksLikeTiff(const std::filesystem::path& path);

}  // namespace emu::media
