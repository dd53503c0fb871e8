#pragma once

// OpenTimelineIO JSON (.otio) in and out, written from the published schema descriptions.
// Reads Timeline.1 (Stack.1 -> Track.1 -> Clip.1/Clip.2, Gap.1, Transition.1, nested stacks),
// media references (External, ImageSequence, Missing, Generator), markers, LinearTimeWarp and
// FreezeFrame, and metadata; writes the same back. docs/ARCHITECTURE.md ("Conform: OTIO") says
// how each field maps onto timeline::Timeline.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/timeline/Timeline.h"

namespace emu::conform {

// Limits a hostile file meets before anything is built from it.
inline constexpr std::size_t kOtioMaxFileBytes = 256u << 20;  // whole document
inline constexpr std::size_t kOtioMaxStringBytes = 1u << 20;  // one JSON string
inline constexpr int kOtioMaxDepth = 64;                      // nested arrays and objects

struct OtioReadResult {
    timeline::Timeline timeline;
    // What did not stop the read: rounding to whole frames, ignored effects, disabled clips,
    // flattened nested stacks. Lines are 0 (nlohmann's tree keeps no positions).
    std::vector<timeline::Warning> warnings;
};

// Parses an OTIO document. `sourceName` (usually the path) starts every message: malformed
// JSON gives "name:line: malformed JSON (...)", anything else "name: where: problem" with
// InvalidArgument (wrong or unknown OTIO_SCHEMA, missing fields, bad times); over-long strings,
// nesting deeper than kOtioMaxDepth and documents over kOtioMaxFileBytes are refused before
// parsing. Never throws. Thread: pure function, safe from any thread.
Result<OtioReadResult> readOtio(std::string_view text, const std::string& sourceName);

// Reads `path` and parses it as above. NotFound / IoError name the path.
Result<OtioReadResult> readOtioFile(const std::filesystem::path& path);

// The timeline as an OTIO document (Clip.2 with media_references, Gap.1, Transition.1,
// Marker.2, LinearTimeWarp.1/FreezeFrame.1, metadata). readOtio(writeOtio(t)) == t for a
// timeline whose clips and gaps tile each track from startFrame (holes become gaps) and whose
// values are whole frames at their rates. Thread: pure function.
std::string writeOtio(const timeline::Timeline& timeline);

// Writes writeOtio(timeline) to `path` atomically; IoError names the path.
Status writeOtioFile(const timeline::Timeline& timeline, const std::filesystem::path& path);

}  // namespace emu::conform
