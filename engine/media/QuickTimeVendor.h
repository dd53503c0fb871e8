#pragma once

#include <filesystem>
#include <string>

#include "emulsion/core/Status.h"

namespace emu::media {

// Sets the vendor code of every video sample description ('stsd' entry) of codec `fourcc` in
// a QuickTime file, in place. FFmpeg 5.1's muxer always writes "FFMP" there; Apple's ProRes
// files carry "apl0", which some players and QC tools check. The file's layout is unchanged:
// four bytes per entry are overwritten. Returns how many entries were changed through
// `changed` (may be null).
// Failure: IoError when the file cannot be read or written, CorruptData when its atoms do not
// nest; messages name the file. Thread: safe for different files.
Status setQuickTimeVendor(const std::filesystem::path& path, const std::string& fourcc,
                          const std::string& vendor, int* changed = nullptr);

}  // namespace emu::media
