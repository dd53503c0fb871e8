#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/media/Image.h"
#include "emulsion/render/Preset.h"
#include "emulsion/timeline/Time.h"

namespace emu::render {

// What is known about one rendered frame: what burn-ins print and writers stamp.
// Thread: value type.
struct FrameContext {
    std::int64_t frameIndex = 0;       // 0 for the first frame of the render
    timeline::Frames recordFrame = 0;  // on the timeline (absolute, time code as frames)
    std::string recordTimecode;        // "HH:MM:SS:FF" (';' for drop frame)
    std::string sourceTimecode;        // of the topmost clip shown; "" over a gap
    std::string shotName;              // the topmost clip's name; "" over a gap
    std::string reel;                  // the topmost clip's reel
};

// Something drawn into each display-referred frame after the output transform and before
// the writer: burn-ins, titles, subtitles. Thread: the render thread only.
class FrameOverlay {
public:
    virtual ~FrameOverlay() = default;
    // Draws into `displayFrame` (RGBA float, the deliverable's size and colour encoding).
    virtual Status apply(media::Image& displayFrame, const FrameContext& ctx) = 0;
};

// Makes the overlay that draws a preset's burn-ins.
using BurninFactory =
    std::function<Result<std::unique_ptr<FrameOverlay>>(const std::vector<BurninField>& fields)>;

// What this build can deliver beyond the mastering formats; a preset asking for more is
// refused before anything renders.
struct RenderCapabilities {
    BurninFactory burnins;      // empty: no burn-in text renderer in this build
    bool reviewCodecs = false;  // H.264 / H.265 encoding
    bool audioMux = false;      // muxing the final mix into movies
};

// OK when this build can render `preset`; else Unsupported naming the preset and each thing
// this build lacks.
Status checkPreset(const Preset& preset, const RenderCapabilities& capabilities);

}  // namespace emu::render
