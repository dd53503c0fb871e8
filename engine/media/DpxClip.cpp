// DPX sequences and single files as clips.
#include <algorithm>
#include <cmath>

#include "emulsion/media/ClipRegistry.h"
#include "emulsion/media/DpxReader.h"

namespace emu::media {

namespace {

// The rates a DPX header stores as a float, as the ratios they stand for.
FrameRate rateFromFps(float fps) {
    if (!(fps > 0.0f) || fps > 1000.0f) return {};
    for (int base : {24, 30, 48, 60, 120}) {
        if (std::fabs(fps - base * 1000.0f / 1001.0f) < 0.005f) return {base * 1000, 1001};
    }
    if (std::fabs(fps - std::round(fps)) < 1e-3f) return {int(std::lround(fps)), 1};
    return {int(std::lround(fps * 1000.0f)), 1000};
}

std::string colourHint(const DpxHeader& h) {
    switch (h.transfer) {
        case DpxCharacteristic::PrintingDensity:
            return "printing density";
        case DpxCharacteristic::Logarithmic:
            return "log";
        case DpxCharacteristic::ItuR709:
        case DpxCharacteristic::Smpte274M:
            return "Rec.709";
        case DpxCharacteristic::Linear:
            return "linear";
        default:
            return "";
    }
}

class DpxClipReader final : public ClipReader {
public:
    DpxClipReader(FileSequence files, ClipInfo info)
        : m_files(std::move(files)), m_info(std::move(info)) {}

    const ClipInfo& info() const override { return m_info; }

    Result<Frame> read(int frame) override {
        if (!m_files.has(frame)) {
            return makeError(ErrorCode::NotFound, m_files.pattern.path(frame).string() +
                                                      ": frame " + std::to_string(frame) +
                                                      " is not in the clip");
        }
        const std::filesystem::path path = m_files.pattern.path(frame);
        EMU_ASSIGN_OR_RETURN(DpxFrame dpx, readDpx(path));
        if (dpx.image.width() != m_info.width || dpx.image.height() != m_info.height) {
            return makeError(ErrorCode::CorruptData,
                             path.string() + ": " + std::to_string(dpx.image.width()) + "x" +
                                 std::to_string(dpx.image.height()) + " in a clip of " +
                                 std::to_string(m_info.width) + "x" +
                                 std::to_string(m_info.height));
        }
        Frame out;
        out.image = std::move(dpx.image);
        if (dpx.header.timecode) out.timecode = dpx.header.timecode->toString();
        return out;
    }

private:
    FileSequence m_files;
    ClipInfo m_info;
};

}  // namespace

Result<std::unique_ptr<ClipReader>> openDpxClip(const FileSequence& files) {
    EMU_ASSIGN_OR_RETURN(DpxHeader h, probeDpx(files.firstPath()));
    ClipInfo info;
    info.format = "dpx";
    info.codec = "dpx";
    info.path = files.pattern.text();
    info.width = h.widthPx;
    info.height = h.heightPx;
    info.pixelAspect = float(h.pixelAspectRatio());
    info.rate = rateFromFps(h.tvFrameRate.value_or(h.filmFrameRate.value_or(0.0f)));
    info.firstFrame = files.first();
    info.frameCount = files.isSequence() ? files.last() - files.first() + 1 : 1;
    info.missingFrames = files.missing();
    if (h.timecode) info.startTimecode = h.timecode->toString();
    info.reel = h.inputDevice;
    info.clipName = files.pattern.clipName();
    info.colourSpaceHint = colourHint(h);
    info.bitDepth = h.bitDepth;
    return std::unique_ptr<ClipReader>(new DpxClipReader(files, std::move(info)));
}

}  // namespace emu::media
