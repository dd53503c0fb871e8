#pragma once

// Small deterministic camera originals and timelines for the render tests.

#include <filesystem>
#include <string>

#include "emulsion/timeline/Timeline.h"

namespace emu::test {

// An ACES2065-1 half EXR sequence `dir`/NAME.%07d.exr of `frames` frames numbered from
// 86400 (01:00:00:00 at 24 fps) with that time code. Pixel (x, y) of frame f (0-based):
// R = 0.05 + 0.01 * f + `level`, G = (x + 0.5) / width, B = (y + 0.5) / height, A = 1.
// Returns the pattern path.
std::filesystem::path writeExrOriginal(const std::filesystem::path& dir, const std::string& name,
                                       int width, int height, int frames, float level);

// The first frame number (and source time code, as frames) of writeExrOriginal's sequences.
constexpr timeline::Frames kFirstSourceFrame = 86400;

// A clip of `pattern` showing source frames [86400 + sourceOffset, + duration) at `record`.
timeline::Clip makeClip(const std::string& name, const std::filesystem::path& pattern,
                        timeline::Frames record, timeline::Frames sourceOffset,
                        timeline::Frames duration);

// A 24 fps timeline starting at 01:00:00:00 with the given video tracks.
timeline::Timeline makeTimeline(std::vector<timeline::Track> tracks);

}  // namespace emu::test

#include <memory>

#include "emulsion/core/Result.h"
#include "emulsion/render/TimelineRenderer.h"

namespace emu::test {

// A renderer over `timeline` with the built-in config, media readers and nodes.
Result<std::unique_ptr<render::TimelineRenderer>> makeRenderer(
    gpu::Device& device, const timeline::Timeline& timeline,
    const render::TimelineRenderOptions& options);

// The shipped preset called `name`.
render::Preset shippedPreset(const std::string& name);

}  // namespace emu::test
