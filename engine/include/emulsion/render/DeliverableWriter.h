#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "emulsion/core/Result.h"
#include "emulsion/media/Image.h"
#include "emulsion/media/MovieWriter.h"
#include "emulsion/render/FrameOverlay.h"
#include "emulsion/render/Preset.h"
#include "emulsion/timeline/Timeline.h"

namespace emu::render {

// Writes the frames of one deliverable as its preset says: a frame sequence
// (DIR/NAME/NAME.<record frame, 7 digits>.<ext>) or one movie (DIR/NAME.mov). Every file goes
// through a temporary name and a rename, so a final name only ever holds a whole file.
// - ACES EXR (SMPTE ST 2065-4): scanline, uncompressed, half RGB (RGBA with alpha), AP0
//   chromaticities, acesImageContainerFlag = 1, the frame's record time code and the rate.
// - EXR: half, PIZ/ZIP/DWAA, with the time code, rate and (for ACES2065-1) AP0 chromaticities.
// - DPX: 10-bit (filled A) or 16-bit RGB(A), version V2.0, transfer and colorimetric from the
//   preset's colour ("10bit_log": logarithmic; Rec.709 display: ITU-R 709), the record time
//   code, TV and film frame rates, the reel as input device, the timeline title as project.
// - TIFF: 16-bit RGB(A), the record time code as the image description.
// - Movies: MovieWriter (ProRes, DNxHR in QuickTime; H.264/H.265 review copies in QuickTime or
//   MPEG-4), tmcd start time code of the first frame, the mix cut to the picture.
// Thread: one thread.
class DeliverableWriter {
public:
    // `first` is the first frame written (the movie's start time code). `mix`: the final mix
    // (WAV) a movie carries, its first sample at the timeline's start; empty for none.
    static Result<std::unique_ptr<DeliverableWriter>> create(
        const Preset& preset, const std::filesystem::path& outDir, const std::string& name,
        const timeline::Timeline& timeline, int widthPx, int heightPx, const FrameContext& first,
        const std::filesystem::path& mix = {});
    ~DeliverableWriter();

    bool perFrameFiles() const { return m_preset.perFrameFiles(); }
    // The deliverable: the sequence's folder, or the movie.
    std::filesystem::path output() const;
    // The file of one record frame (sequences only).
    std::filesystem::path frameFile(timeline::Frames recordFrame) const {
        return frameFileOf(m_preset, m_outDir, m_name, recordFrame);
    }
    static std::filesystem::path frameFileOf(const Preset& preset,
                                             const std::filesystem::path& outDir,
                                             const std::string& name, timeline::Frames recordFrame);

    // Writes one frame (RGBA float, output encoding). Failure names the file.
    Status write(const media::Image& image, const FrameContext& ctx);
    // Finishes a movie (renames it into place); nothing for sequences.
    Status finish();

private:
    DeliverableWriter() = default;
    Status writeExrFrame(const std::filesystem::path& file, const media::Image& image,
                         const FrameContext& ctx) const;
    Status writeDpxFrame(const std::filesystem::path& file, const media::Image& image,
                         const FrameContext& ctx) const;

    Preset m_preset;
    std::filesystem::path m_outDir;
    std::string m_name;
    timeline::Timeline m_timeline;  // title, rate
    std::unique_ptr<media::MovieWriter> m_movie;
};

}  // namespace emu::render
