#pragma once

// First stage of the EDL reader: text -> events of edit lines with their remarks and motion
// effects, every field checked and every time converted to frames. EdlBuilder turns the events
// into a timeline. Internal to emu_conform_edl.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/timeline/Time.h"
#include "emulsion/timeline/Timeline.h"

namespace emu::conform::edl {

// Where a line's clips go: video and/or audio channel numbers (1-based).
struct Channels {
    bool video = false;
    std::vector<int> audio;  // ascending, no repeats
    bool operator==(const Channels&) const = default;
};

enum class EditType { Cut, Dissolve, Wipe, KeyBackground, Key, KeyOut };

struct EditLine {
    int line = 0;
    std::string reel;
    Channels channels;
    EditType type = EditType::Cut;
    int wipeCode = 0;
    timeline::Frames transitionFrames = 0;                          // D nnn, W### nnn
    std::optional<timeline::Frames> keyFrames;                      // K nnn
    timeline::Frames srcIn = 0, srcOut = 0, recIn = 0, recOut = 0;  // absolute frames
    bool dropFrame = false;                                         // how its time codes counted
};

// M2 line: motion effect on the event's clip of that reel.
struct MotionLine {
    int line = 0;
    std::string reel;
    double fps = 0;  // 0: freeze; negative: reverse
    timeline::Frames entry = 0;
};

struct Remark {
    int line = 0;
    std::string text;                     // after '*', trimmed
    std::optional<timeline::Frames> loc;  // LOC: its time code, as absolute frames
};

struct Event {
    int number = 0;
    std::vector<EditLine> edits;
    std::vector<MotionLine> motions;
    std::vector<Remark> remarks;
    std::string effectName;  // EFFECTS NAME IS ...
};

struct ParsedEdl {
    std::string title;
    std::optional<bool> fcmDrop;  // the FCM in force at the first edit line, if any
    std::vector<Event> events;
};

// Parses `text`; warnings go to `warnings`. Errors: InvalidArgument "file:line: what".
Result<ParsedEdl> parseEdl(std::string_view text, const timeline::Rate& rate,
                           const std::string& file, std::vector<timeline::Warning>& warnings);

// "file:line: what" for errors and warnings.
std::string where(const std::string& file, int line, const std::string& what);

// Generator name for the reels an EDL uses for generated sources ("black" for BL and BLACK,
// "bars" for BARS); empty for a real reel (AX included: an auxiliary source is media).
std::string generatorForReel(const std::string& reel);

// Source frames a clip of `recordFrames` shows at `speed` (1 normal, 0 freeze, < 0 reverse).
timeline::Frames sourceFramesFor(timeline::Frames recordFrames, double speed);

// The source frame shown `recordOffset` frames into a clip, and back: used for LOC markers.
timeline::Frames sourceFrameAt(const timeline::Clip& clip, timeline::Frames recordOffset);
timeline::Frames recordOffsetOf(const timeline::Clip& clip, timeline::Frames sourceFrame);

}  // namespace emu::conform::edl
