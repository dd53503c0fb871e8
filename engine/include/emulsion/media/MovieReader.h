#pragma once

#include <filesystem>
#include <memory>

#include "emulsion/core/Result.h"
#include "emulsion/media/Clip.h"

namespace emu::media {

// Reads a movie file (QuickTime, MP4, MXF, Matroska... whatever FFmpeg demuxes) holding ProRes
// (every flavour), DNxHD/DNxHR, H.264 or H.265 video, through libavformat and libavcodec.
//
// ClipInfo: format "movie"; codec as FFmpeg names it ("prores", "dnxhd", "h264", "hevc");
// size, pixel aspect, frame rate as a ratio; frame count from the stream's sample count when it
// agrees with duration x rate, else from the duration and checked by decoding the end of the
// file; start time code from the tmcd track or the "timecode" tag (drop frame keeps its ';');
// reel from "reel_name" or "reel" tags; camera from make/model tags; bit depth of the stored
// samples; clipName is the file name without its extension.
//
// Frames come back as float RGBA Images: Y'CbCr is converted by swscale to 16-bit RGB (RGBA
// when the stream has alpha, else alpha 1) and divided by 65535. The conversion uses the
// stream's matrix and range, with swscale's bicubic filter, which is exactly what `ffmpeg -i
// FILE -pix_fmt rgb48le` gives for a tagged file. An untagged matrix is read as BT.709 at HD
// sizes and up and BT.601 below (FFmpeg's command line reads BT.601 at every size).
// Frame.timecode is the start time code plus the frame number.
//
// Seeking is frame accurate: a read that is not the next frame (or a few frames ahead) seeks
// to the key frame before it and decodes forward to its exact time stamp; reading frames in
// order decodes each once and never seeks.
//
// Thread: one thread at a time per reader (ClipReader's rule).
class MovieReader final : public ClipReader {
public:
    // Opens the file, probes it and decodes its first frame, so a file that opens can be
    // decoded. Failure: NotFound (no such file), IoError (a directory, unreadable),
    // Unsupported (not a movie, no video stream, a codec other than those above, or one this
    // FFmpeg build cannot decode), CorruptData (a damaged or truncated movie). Messages name
    // the file. No exception escapes.
    static Result<std::unique_ptr<MovieReader>> open(const std::filesystem::path& path);

    ~MovieReader() override;
    MovieReader(const MovieReader&) = delete;
    MovieReader& operator=(const MovieReader&) = delete;

    const ClipInfo& info() const override;

    // Frame `frame` (0 .. frameCount-1). NotFound outside the clip; CorruptData naming the
    // file and frame when its data is missing or does not decode.
    Result<Frame> read(int frame) override;

    // How many times reads have repositioned the demuxer (for tests and statistics).
    int seekCount() const;

    struct State;  // FFmpeg contexts; defined in MovieReader.cpp

private:
    explicit MovieReader(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

}  // namespace emu::media
