#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "emulsion/media/Clip.h"
#include "emulsion/media/FramePattern.h"

namespace emu::media {

// Camera RAW through LibRaw (open_file and unpack only; demosaicing is the GPU's): DNG and
// CinemaDNG sequences, and the other Bayer raws LibRaw knows. Frames are RawMosaic: the
// visible area's CFA samples, the pattern, per-position black levels, the white level, the
// as-shot neutral and camera RGB -> ACES2065-1 from the file's colour matrix
// (dngCameraToAces()). CinemaDNG time code, frame rate and reel name are read from the TIFF
// tags directly. Damaged files (bad magic, truncated, offsets outside the file) give
// CorruptData naming the file; X-Trans, Foveon and linear (demosaiced) raws give Unsupported.
// Thread: one thread at a time per reader.
class RawReader : public ClipReader {
public:
    // `path` is one file or a FramePattern of a sequence (shot.%06d.dng, shot.######.dng).
    // Probes the first frame. NotFound when nothing matches.
    static Result<std::unique_ptr<RawReader>> open(const std::filesystem::path& path);

    ~RawReader() override;
    const ClipInfo& info() const override { return m_info; }
    Result<Frame> read(int frame) override;

private:
    RawReader() = default;

    FramePattern m_pattern;
    ClipInfo m_info;
    std::vector<int> m_frames;  // on disk, sorted; {0} for a single file
};

// One raw file's mosaic and what it says about itself (`info` may be null).
Result<Frame> readRawFile(const std::filesystem::path& path, ClipInfo* info);

}  // namespace emu::media
