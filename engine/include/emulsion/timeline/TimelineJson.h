#pragma once

// The timeline model as JSON, as the project store keeps it: every field of Timeline, its
// tracks, items (clips, gaps, transitions), markers, media references, speed effects and CDLs.
// Writing then reading gives an equal Timeline.

#include <string>
#include <string_view>

#include "emulsion/core/Result.h"
#include "emulsion/timeline/Timeline.h"

namespace emu::timeline {

// Version of the JSON layout; a reader refuses newer versions by number.
inline constexpr int kTimelineFormatVersion = 1;

// Compact JSON; doubles are written so that they read back bit for bit. Thread: pure.
std::string timelineToJson(const Timeline& timeline);

// Parses the format. `sourceName` prefixes errors, which name the field:
// "edit 3: tracks[0].items[2].record: needs an integer \"start\"". InvalidArgument for bad
// JSON or a wrong structure, Unsupported for a newer version. Never throws. Thread: pure.
Result<Timeline> timelineFromJson(std::string_view text, const std::string& sourceName);

}  // namespace emu::timeline
