#pragma once

// CMX 3600 edit decision lists in and out of the timeline model.
//
// The reader tokenises each line (it never relies on columns) and builds one timeline: video
// on "V1", key foregrounds on "V2", audio channel n on "An". Record frames are absolute (the
// record time code as frames): Timeline::startFrame is the earliest record time code, and a
// clip at that time code has record.start == startFrame. Everything an EDL line cannot hold is
// dropped by the writer; what it can hold survives readEdlText(writeEdl(t)) unchanged.
// docs/ARCHITECTURE.md
// ("Conform: EDL") lists the features and the metadata keys used.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/timeline/Time.h"
#include "emulsion/timeline/Timeline.h"

namespace emu::conform {

// Metadata keys the EDL reader sets on clips and the writer reads back.
inline constexpr const char* kEdlComment = "edl.comment";      // other remarks, one per line
inline constexpr const char* kEdlKey = "edl.key";              // "background" (K B), "out" (K O)
inline constexpr const char* kEdlKeyFrames = "edl.keyFrames";  // duration on a K line

struct EdlResult {
    timeline::Timeline timeline;
    std::vector<timeline::Warning> warnings;  // messages read "file:line: what"
};

// Largest EDL file and line the reader accepts; larger input is refused before it is read.
inline constexpr std::size_t kEdlMaxFileBytes = 64u << 20;
inline constexpr std::size_t kEdlMaxLineBytes = 4096;

// Reads an EDL file. `rate` is the record and source rate (an EDL does not carry one).
// Errors: NotFound/IoError for the file, InvalidArgument "file:line: what" for bad content.
// Thread: any; no shared state.
Result<EdlResult> readEdl(const std::filesystem::path& path, const timeline::Rate& rate);

// Reads EDL text; `sourceName` is the file name used in messages.
Result<EdlResult> readEdlText(std::string_view text, const timeline::Rate& rate,
                              const std::string& sourceName = "edl");

struct EdlWriteOptions {
    // Reels longer than this are refused (8 for strict CMX 3600 decks; 32 in extended EDLs).
    std::size_t maxReelLength = 32;
    // Frame counts instead of time codes in the four time fields.
    bool frameNumbers = false;
};

// Writes a CMX 3600 EDL of `timeline`. Tracks V1 and V2 (keys) and audio tracks only;
// InvalidArgument for what an EDL cannot express (more video tracks, a source rate other than
// the timeline's, a reel that is too long or holds spaces, negative time codes).
// Thread: any.
Result<std::string> writeEdl(const timeline::Timeline& timeline,
                             const EdlWriteOptions& options = {});

}  // namespace emu::conform
