#pragma once

// One interface over every kind of camera original: an EXR/DPX/TIFF/DNG sequence, a single
// image, or a movie. A ClipReader is opened by openClip() (ClipRegistry.h), which picks the
// reader by what the file is.

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/media/Image.h"

namespace emu::media {

// A frame rate as a ratio: 24000/1001 for 23.976. Thread: value type.
struct FrameRate {
    int numerator = 0;
    int denominator = 1;

    bool valid() const { return numerator > 0 && denominator > 0; }
    double fps() const { return valid() ? double(numerator) / denominator : 0.0; }
    bool operator==(const FrameRate&) const = default;
};

// What a probe learns about a clip without decoding its pictures. Fields a file does not carry
// stay empty (strings) or unset (optionals). Thread: value type.
struct ClipInfo {
    std::string format;          // reader id: "exr", "dpx", "tiff", "dng", "movie"
    std::string codec;           // for movies: "prores", "dnxhd", "h264", ...; else the format
    std::filesystem::path path;  // the file, or the sequence pattern (name.%07d.exr)
    int width = 0;               // [px] of the decoded picture
    int height = 0;
    float pixelAspect = 1.0f;
    FrameRate rate;                  // invalid when the file does not say
    int firstFrame = 0;              // number of the first frame (sequences); 0 for movies
    int frameCount = 0;              // frames from firstFrame on, gaps included
    std::vector<int> missingFrames;  // gaps of a sequence inside [firstFrame, firstFrame+count)
    std::string startTimecode;       // "HH:MM:SS:FF" (';' before FF for drop frame), "" if none
    std::string reel;                // reel or tape name
    std::string clipName;            // camera clip name, else the file name without frame number
    std::string camera;              // make and model where the file says
    std::string colourSpaceHint;     // e.g. "ACES2065-1" (ACES EXR), "Rec.709", "log" (DPX), ""
    int bitDepth = 0;                // of the stored samples: 8, 10, 12, 16, 32 (float) ...
    bool raw = false;                // frames are CFA mosaics to demosaic (RawFrame)
};

// A colour filter array mosaic as the sensor recorded it, for the GPU to demosaic.
// Thread: value type.
struct RawMosaic {
    int width = 0;  // [px] of the active area
    int height = 0;
    std::vector<std::uint16_t> samples;           // width * height, rows top to bottom
    std::array<char, 4> cfa{'R', 'G', 'G', 'B'};  // 2x2 pattern, row major from the top left
    std::array<float, 4> black{};                 // per CFA position, in sample units
    float white = 65535.0f;                       // clipping level, in sample units
    std::array<float, 3> asShotNeutral{1.0f, 1.0f, 1.0f};  // camera RGB of a neutral
    // Camera RGB (white balanced, normalised to the white level) to ACES2065-1 (AP0, D60),
    // row major; derived from the file's colour matrices.
    std::array<float, 9> cameraToAces{1, 0, 0, 0, 1, 0, 0, 0, 1};
};

// One decoded frame: RGBA pixels, or a mosaic for raw clips.
struct Frame {
    Image image;  // empty for raw frames
    std::optional<RawMosaic> mosaic;
    std::string timecode;  // this frame's own time code where the file has one
};

// Reads the frames of one clip. Frames are numbered as ClipInfo says (firstFrame on).
// Thread: one thread at a time per reader; open one reader per thread to read in parallel.
class ClipReader {
public:
    virtual ~ClipReader() = default;
    virtual const ClipInfo& info() const = 0;
    // NotFound for a frame outside the clip or missing from a sequence; CorruptData naming the
    // file for a damaged one.
    virtual Result<Frame> read(int frame) = 0;
};

}  // namespace emu::media
