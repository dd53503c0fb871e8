#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/render/FrameOverlay.h"
#include "emulsion/render/Preset.h"
#include "emulsion/render/TimelineRenderer.h"

namespace emu::render {

struct DeliverableRequest {
    Preset preset;
    std::filesystem::path outDir;
    std::string name;  // of the sequence folder and its files, or of the movie
    std::optional<timeline::FrameRange> range;  // record frames; default: the whole timeline
    bool resume = false;
    // Names everything the frames depend on (preset, timeline, grades, range): a journal
    // written for other settings is not resumed.
    std::string settings;
    std::filesystem::path
        mix;  // the final mix (WAV) for presets with audio, from the timeline start
    std::vector<FrameOverlay*> overlays;                // drawn in order on each output frame
    std::function<void(int done, int total)> progress;  // after each frame, skipped or not
};

// What a QC pass over the finished deliverable found. Thread: value type.
struct QcReport {
    int expectedFrames = 0;
    int frames = 0;                    // frame files present (sequences) or frames encoded
    std::vector<std::string> missing;  // frame files absent
    std::vector<std::string> strays;   // files in the sequence folder not named as its frames
    int timecodeBreaks = 0;            // frames whose record time code is not the last + 1
    int blackFrames = 0;               // every sample of R, G and B zero
    int nanFrames = 0;                 // a NaN or an infinity in R, G or B
    std::uint64_t bytes = 0;           // total size of the deliverable
    bool ok() const {
        return frames == expectedFrames && missing.empty() && strays.empty() &&
               timecodeBreaks == 0 && nanFrames == 0;
    }
};

struct DeliverableOutcome {
    std::filesystem::path output;  // the sequence folder or the movie
    std::filesystem::path journal;
    int rendered = 0;    // frames rendered by this run
    int skipped = 0;     // frames a resume found done
    double seconds = 0;  // [s] wall time of the render loop (reading to writing, no QC)
    QcReport qc;
};

// Renders `request.range` of the timeline into the deliverable, frame by frame, each file
// under a temporary name renamed into place and then journalled with its content hash
// (DIR/.NAME.journal, or DIR/.NAME.IN-OUT.journal for a range, so ranges of one deliverable
// can render side by side, as the tasks of a job array would). With `resume`, frames whose files
// still match the journal are skipped and every other frame is rendered again; a movie cannot be
// continued mid-file, so it is rendered again whole unless the journal holds the finished movie
// with its hash. Temporary files of renders that no longer run are removed first. QC runs at the
// end. Failure names the frame and file; the journal keeps what was finished.
Result<DeliverableOutcome> renderDeliverable(TimelineRenderer& renderer,
                                             const DeliverableRequest& request);

}  // namespace emu::render
