#pragma once

#include <filesystem>

#include "emulsion/media/Clip.h"
#include "emulsion/render/FrameOverlay.h"

namespace emu::render {

// A preset's burn-ins drawn by emu_text: each field of the preset becomes one line of the
// frame's record time code, source time code, shot name or watermark words at its position.
// Failure: InvalidArgument naming a field or position the text renderer does not know; the
// font's errors (a missing font file is named).
Result<std::unique_ptr<FrameOverlay>> makeBurnInOverlay(const std::vector<BurninField>& fields);

// SRT subtitles burned in: a frame shows the cue whose time span holds the frame's time from
// the timeline's start (record frame - `timelineStart`, at `rate`). Failure: the file's errors
// ("file:line: ..."), the font's.
Result<std::unique_ptr<FrameOverlay>> makeSubtitleOverlay(const std::filesystem::path& srt,
                                                          timeline::Frames timelineStart,
                                                          media::FrameRate rate);

// What this build delivers: burn-ins, H.264/H.265 review copies and the mix in movies.
RenderCapabilities builtinCapabilities();

}  // namespace emu::render
