#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "emulsion/core/Result.h"

namespace emu::text {

// One subtitle: shown from startMs up to (not including) endMs, counted from the timeline's
// start.
struct SubtitleCue {
    int number = 0;  // the cue's own sequence number
    std::int64_t startMs = 0;
    std::int64_t endMs = 0;
    std::vector<std::string> lines;  // UTF-8, markup such as <i> removed
    int sourceLine = 0;              // where the cue starts in its file (1-based)
};

// Parses SubRip (.srt) text: an optional UTF-8 byte order mark, LF or CRLF line ends, cues of a
// number line, "HH:MM:SS,mmm --> HH:MM:SS,mmm" (a '.' before the milliseconds is accepted, as
// is anything after the end time, such as position hints, which are ignored) and text lines up
// to a blank line. Markup tags (<i>, <b>, <font ...>) are removed: burn-ins draw plain text.
// Failure: InvalidArgument as "`name`:LINE: what is wrong" for a missing number or timing line,
// a time out of range, a cue ending before it starts, and a cue that overlaps the one before
// (burned-in subtitles cannot show two cues in one place; the file needs fixing).
// Thread: pure function.
Result<std::vector<SubtitleCue>> parseSrt(std::string_view text, const std::string& name);

// Reads and parses a file; NotFound / IoError name it.
Result<std::vector<SubtitleCue>> readSrt(const std::filesystem::path& path);

}  // namespace emu::text
