#pragma once

// Small camera originals and timelines for the relink tests: EXR sequences with a reel and a
// start time code, and hand-built timelines of clips that point at them.

#include <filesystem>
#include <string>

#include "emulsion/timeline/Timeline.h"

namespace emu::conform::test {

struct OriginalSpec {
    std::string stem;           // file stem: "A001C003" -> A001C003_0001001.exr, ...
    std::string reel;           // written as the reelName attribute; "" writes none
    std::string startTimecode;  // of the first frame, at 24 fps
    int frames = 10;
    int firstFrame = 1001;
};

// Writes the sequence under `folder` (created), one 4x2 half frame per file, each frame with
// its own time code. Returns the folder.
std::filesystem::path writeOriginal(const std::filesystem::path& folder, const OriginalSpec& spec);

// A clip showing `duration` frames from source time code `sourceTimecode` (24 fps) at record
// frame `recordStart`.
timeline::Clip makeClip(const std::string& name, const std::string& reel,
                        const std::string& sourceTimecode, timeline::Frames duration,
                        timeline::Frames recordStart);

// One video track holding `clips` in order.
timeline::Timeline makeTimeline(std::vector<timeline::Clip> clips);

timeline::Frames tc(const std::string& timecode);  // at 24 fps

}  // namespace emu::conform::test
