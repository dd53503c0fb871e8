#pragma once

// Exact time for editorial work: rational rates, frame counts, SMPTE time code.

#include <cstdint>
#include <optional>
#include <string>

#include "emulsion/core/Result.h"

namespace emu::timeline {

// A frame rate as a ratio (24000/1001 for 23.976). Thread: value type.
struct Rate {
    std::int64_t numerator = 24;
    std::int64_t denominator = 1;

    bool valid() const { return numerator > 0 && denominator > 0; }
    double fps() const { return double(numerator) / double(denominator); }
    // The whole number of frames a time code second counts: 24 for 23.976, 30 for 29.97.
    int timecodeBase() const;
    // 30000/1001 and 60000/1001: the only rates where drop-frame time code exists.
    bool allowsDropFrame() const;
    bool operator==(const Rate&) const = default;
};

// Parses "24", "23.976", "29.97", "59.94", "24000/1001", "25/1". InvalidArgument otherwise.
Result<Rate> parseRate(const std::string& text);
std::string toString(const Rate& rate);  // "24000/1001"

// A frame count at a rate; times are always whole frames at the timeline's rate.
using Frames = std::int64_t;

// A span of frames: [start, start + duration). Thread: value type.
struct FrameRange {
    Frames start = 0;
    Frames duration = 0;

    Frames end() const { return start + duration; }  // exclusive
    bool contains(Frames f) const { return f >= start && f < end(); }
    bool covers(const FrameRange& other) const {
        return other.start >= start && other.end() <= end();
    }
    bool overlaps(const FrameRange& other) const {
        return other.start < end() && start < other.end();
    }
    bool operator==(const FrameRange&) const = default;
};

// SMPTE 12M time code <-> frame count. Drop frame only at 29.97 and 59.94 (two or four frame
// numbers dropped at the start of each minute except every tenth); non-drop counts
// timecodeBase() frames per second whatever the exact rate. Time codes wrap at 24 hours only
// when `wrap` is set; otherwise hours may exceed 23 (48-hour round trips).
// Text: "HH:MM:SS:FF" non-drop, "HH:MM:SS;FF" (or '.' / ',' before FF) drop frame.
// InvalidArgument names the text: malformed, a field out of range (frames >= base), drop frame
// asked at a rate without it, or a dropped frame number.
Result<Frames> timecodeToFrames(const std::string& text, const Rate& rate);
// Drop frame when `dropFrame` (refused at rates without it).
Result<std::string> framesToTimecode(Frames frames, const Rate& rate, bool dropFrame);

}  // namespace emu::timeline
