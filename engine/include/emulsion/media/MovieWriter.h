#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "emulsion/core/Result.h"
#include "emulsion/media/Clip.h"
#include "emulsion/media/Image.h"

namespace emu::media {

// The codecs MovieWriter encodes: mastering codecs in QuickTime (.mov); review codecs in
// QuickTime or MPEG-4 (.mp4).
enum class MovieCodec {
    ProResProxy,   // apco, 4:2:2 10-bit
    ProResLt,      // apcs
    ProRes,        // apcn (422 "standard")
    ProResHq,      // apch
    ProRes4444,    // ap4h, 4:4:4 (+ alpha) 12-bit
    ProRes4444Xq,  // ap4x
    DnxhrHq,       // DNxHR HQ, 4:2:2 8-bit
    DnxhrHqx,      // DNxHR HQX, 4:2:2 10-bit
    Dnxhr444,      // DNxHR 444, 4:4:4 10-bit
    H264,          // libx264, 4:2:0 8-bit, for review copies
    H265,          // libx265, 4:2:0 8-bit (tagged hvc1), for review copies
};

// Stable ids: "prores_proxy", "prores_lt", "prores", "prores_hq", "prores_4444",
// "prores_4444xq", "dnxhr_hq", "dnxhr_hqx", "dnxhr_444", "h264", "h265".
const char* toString(MovieCodec codec);
std::optional<MovieCodec> movieCodecFromString(std::string_view id);

struct MovieWriteOptions {
    MovieCodec codec = MovieCodec::ProResHq;
    int width = 0;  // [px]; DNxHR needs at least 256 x 120
    int height = 0;
    FrameRate rate{24, 1};
    std::string startTimecode;  // "HH:MM:SS:FF" (';' for drop frame at 29.97/59.94), "" = none
    std::string reel;           // written with the time code track; "" = none
    bool alpha = false;         // ProRes 4444 / 4444 XQ only: keep the images' alpha channel
    // The final mix, a WAV file (see WavReader), placed at the movie's start and cut or padded
    // with silence to exactly the picture's length: PCM 24-bit in QuickTime, AAC in MPEG-4.
    // Empty: no audio.
    std::filesystem::path audio;
    // [picture frames] where the movie's first frame falls in the mix: a render of part of a
    // timeline whose mix starts with the timeline starts this far into it.
    std::int64_t audioStart = 0;
    int crf = 0;                           // H.264 / H.265 quality; 0: 18 for H.264, 20 for H.265
    std::string encoderPreset = "medium";  // x264 / x265 speed preset
};

// Encodes RGBA float (or half) images into a movie with FFmpeg: ProRes through prores_ks
// (vendor "apl0" in the frames and the sample description, as Apple's encoder writes), DNxHR
// through FFmpeg's dnxhd encoder, H.264 and H.265 through libx264 and libx265 (constant rate
// factor). The container follows the file name: ".mp4" (review codecs only) is MPEG-4, any
// other QuickTime. Pixels are clamped to 0..1, converted to 16-bit RGB and by swscale to
// limited-range Rec. 709 Y'CbCr (tagged as such: primaries, transfer, matrix, range), with
// chroma filtered from every pixel. The start time code becomes a tmcd track (FFmpeg's stream
// "timecode" tag; FFmpeg writes it in MPEG-4 too), the reel its "reel_name".
// The movie is written under a temporary name beside `path` and renamed into place by close();
// if close() is never reached or fails, the temporary is deleted and nothing appears under
// `path` (a file already there is untouched).
// Thread: one thread at a time per writer.
class MovieWriter {
public:
    // Failure: InvalidArgument (size, rate, time code, alpha with a codec that has none),
    // Unsupported (an encoder missing from this FFmpeg build), NotFound (no such directory),
    // IoError; messages name `path`.
    static Result<std::unique_ptr<MovieWriter>> create(const std::filesystem::path& path,
                                                       const MovieWriteOptions& options);

    ~MovieWriter();
    MovieWriter(const MovieWriter&) = delete;
    MovieWriter& operator=(const MovieWriter&) = delete;

    // Encodes the next frame. InvalidArgument for an image of another size; IoError or
    // Internal when encoding or writing fails, after which every call fails.
    Status write(const Image& image);

    // Finishes the movie and renames it into place. At least one frame must have been written.
    Status close();

    int framesWritten() const;

    struct State;  // FFmpeg contexts; defined in MovieWriter.cpp

private:
    explicit MovieWriter(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

}  // namespace emu::media
