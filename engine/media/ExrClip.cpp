// EXR sequences and single files as clips: the display window is the picture.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "emulsion/media/ClipRegistry.h"
#include "emulsion/media/ExrReader.h"

namespace emu::media {

namespace {

// ACES AP0 primaries and the ACES white (SMPTE ST 2065-1), as ACES EXRs carry them.
constexpr float kAp0[8] = {0.7347f, 0.2653f, 0.0f, 1.0f, 0.0001f, -0.077f, 0.32168f, 0.33767f};

std::string colourHint(const ExrAttributes& a) {
    if (!a.chromaticities) return "";
    for (int i = 0; i < 8; ++i) {
        if (std::fabs((*a.chromaticities)[i] - kAp0[i]) > 1e-4f) return "";
    }
    return "ACES2065-1";
}

std::string attribute(const ExrAttributes& a, const char* name) {
    auto it = a.strings.find(name);
    return it == a.strings.end() ? "" : it->second;
}

// The data window's pixels placed in the display window (outside the data: transparent black).
Image inDisplayWindow(const ExrFrame& f) {
    if (f.dataWindow == f.displayWindow) return f.image;
    const Box2i& d = f.displayWindow;
    Image out(d.width(), d.height(), f.image.type());
    const std::size_t px = f.image.bytesPerPixel();
    for (int y = std::max(d.minY, f.dataWindow.minY); y <= std::min(d.maxY, f.dataWindow.maxY);
         ++y) {
        const int x0 = std::max(d.minX, f.dataWindow.minX);
        const int x1 = std::min(d.maxX, f.dataWindow.maxX);
        if (x1 < x0) break;
        const std::byte* src =
            f.image.data() + (std::size_t(y - f.dataWindow.minY) * f.image.width() +
                              std::size_t(x0 - f.dataWindow.minX)) *
                                 px;
        std::byte* dst =
            out.data() + (std::size_t(y - d.minY) * out.width() + std::size_t(x0 - d.minX)) * px;
        std::memcpy(dst, src, std::size_t(x1 - x0 + 1) * px);
    }
    return out;
}

class ExrClipReader final : public ClipReader {
public:
    ExrClipReader(FileSequence files, ClipInfo info)
        : m_files(std::move(files)), m_info(std::move(info)) {}

    const ClipInfo& info() const override { return m_info; }

    Result<Frame> read(int frame) override {
        if (m_files.isSequence() && !m_files.has(frame)) {
            return makeError(ErrorCode::NotFound, m_files.pattern.path(frame).string() +
                                                      ": frame " + std::to_string(frame) +
                                                      " is not on disk");
        }
        if (!m_files.isSequence() && frame != 0) {
            return makeError(ErrorCode::NotFound,
                             m_files.pattern.text() + ": a single image has only frame 0");
        }
        EMU_ASSIGN_OR_RETURN(ExrFrame f, readExr(m_files.pattern.path(frame)));
        Frame out;
        out.image = inDisplayWindow(f);
        if (f.attributes.timeCode) out.timecode = f.attributes.timeCode->toString();
        return out;
    }

private:
    FileSequence m_files;
    ClipInfo m_info;
};

}  // namespace

Result<std::unique_ptr<ClipReader>> openExrClip(const FileSequence& files) {
    EMU_ASSIGN_OR_RETURN(ExrFrame first, readExr(files.firstPath()));
    ClipInfo info;
    info.format = "exr";
    info.codec = "exr";
    info.path = files.pattern.text();
    info.width = first.displayWindow.width();
    info.height = first.displayWindow.height();
    info.pixelAspect = first.pixelAspectRatio;
    const ExrAttributes& a = first.attributes;
    if (a.framesPerSecond) info.rate = {a.framesPerSecond->first, a.framesPerSecond->second};
    info.firstFrame = files.first();
    info.frameCount = files.isSequence() ? files.last() - files.first() + 1 : 1;
    info.missingFrames = files.missing();
    if (a.timeCode) info.startTimecode = a.timeCode->toString();
    info.reel = attribute(a, "reelName");
    info.camera = attribute(a, "cameraModel");
    if (info.camera.empty()) info.camera = attribute(a, "cameraMake");
    info.clipName = attribute(a, "clipName");
    if (info.clipName.empty()) info.clipName = files.pattern.clipName();
    info.colourSpaceHint = colourHint(a);
    info.bitDepth = first.image.type() == PixelType::Half ? 16 : 32;
    return std::unique_ptr<ClipReader>(new ExrClipReader(files, std::move(info)));
}

}  // namespace emu::media
