#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/media/Clip.h"
#include "emulsion/media/ExrFrame.h"
#include "emulsion/media/ExrReader.h"
#include "emulsion/media/FramePattern.h"

namespace emu::cli {

// The input of `grade`: an EXR file or sequence read part by part with every attribute kept
// (so a graded EXR keeps its header), or any other clip the media readers know (DPX, TIFF,
// movies...), whose frames become EXR frames carrying their time code and rate.
// Camera raw clips give their mosaic beside an empty image: the caller demosaics it on the GPU.
// Thread: read() may be called from several threads at once.
struct InputFrame {
    media::ExrFrame exr;                     // for raw: header fields only, image empty
    std::optional<media::RawMosaic> mosaic;  // camera raw only
};

class InputClip {
public:
    // Fails with the reader's error, naming the file.
    static Result<std::unique_ptr<InputClip>> open(const std::string& input,
                                                   const media::ExrReadOptions& exrOptions);

    // Whether the clip has frames of its own numbers (a sequence or a movie), so the output
    // must be a sequence pattern too.
    bool isSequence() const;
    // Every frame present, ascending.
    std::vector<int> frames() const;
    // The file holding `frame` (for movies, the movie).
    std::filesystem::path pathOf(int frame) const;
    Result<InputFrame> read(int frame);
    // The colour space the input's header names ("" when it says nothing): ACES2065-1 for an
    // EXR with AP0 chromaticities and for developed camera raw frames.
    std::string colourSpaceHint() const;
    // Whether frames are raw mosaics.
    bool raw() const { return m_reader && m_reader->info().raw; }

private:
    InputClip() = default;

    std::optional<media::FramePattern> m_exr;
    media::ExrReadOptions m_exrOptions;
    std::unique_ptr<media::ClipReader> m_reader;
    std::mutex m_readerMutex;  // a ClipReader reads on one thread at a time
};

}  // namespace emu::cli
