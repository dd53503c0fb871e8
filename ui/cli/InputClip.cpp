#include "InputClip.h"

#include <algorithm>
#include <cctype>

#include "emulsion/media/ClipRegistry.h"

namespace emu::cli {

namespace {

bool isExrName(const std::string& input) {
    std::string ext = std::filesystem::path(input).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".exr";
}

}  // namespace

Result<std::unique_ptr<InputClip>> InputClip::open(const std::string& input,
                                                   const media::ExrReadOptions& exrOptions) {
    std::unique_ptr<InputClip> clip(new InputClip());
    if (isExrName(input)) {
        EMU_ASSIGN_OR_RETURN(media::FramePattern pattern, media::FramePattern::parse(input));
        clip->m_exr = pattern;
        clip->m_exrOptions = exrOptions;
        return clip;
    }
    if (!exrOptions.part.empty() || !exrOptions.layer.empty()) {
        return makeError(ErrorCode::InvalidArgument, "--part and --layer are for EXR inputs");
    }
    EMU_ASSIGN_OR_RETURN(clip->m_reader, media::builtinClipReaders().open(input));
    return clip;
}

std::string InputClip::colourSpaceHint() const {
    if (raw()) return "ACES2065-1";  // the demosaic develops into ACES2065-1
    if (m_reader) return m_reader->info().colourSpaceHint;
    const std::vector<int> all = frames();
    if (all.empty()) return "";
    auto clip = media::builtinClipReaders().open(m_exr->path(all.front()));
    return clip.isOk() ? (*clip)->info().colourSpaceHint : "";
}

bool InputClip::isSequence() const {
    if (m_exr) return m_exr->isSequence();
    const media::ClipInfo& info = m_reader->info();
    return info.frameCount > 1 || info.path.string().find('%') != std::string::npos;
}

std::vector<int> InputClip::frames() const {
    if (m_exr) return m_exr->isSequence() ? m_exr->framesOnDisk() : std::vector<int>{0};
    const media::ClipInfo& info = m_reader->info();
    std::vector<int> frames;
    for (int f = info.firstFrame; f < info.firstFrame + info.frameCount; ++f) {
        if (!std::binary_search(info.missingFrames.begin(), info.missingFrames.end(), f)) {
            frames.push_back(f);
        }
    }
    return frames;
}

std::filesystem::path InputClip::pathOf(int frame) const {
    if (m_exr) return m_exr->path(frame);
    const std::string text = m_reader->info().path.string();
    auto pattern = media::FramePattern::parse(text);
    return pattern.isOk() ? pattern->path(frame) : std::filesystem::path(text);
}

Result<InputFrame> InputClip::read(int frame) {
    if (m_exr) {
        EMU_ASSIGN_OR_RETURN(media::ExrFrame exr, media::readExr(m_exr->path(frame), m_exrOptions));
        return InputFrame{std::move(exr), std::nullopt};
    }
    std::lock_guard lock(m_readerMutex);
    EMU_ASSIGN_OR_RETURN(media::Frame decoded, m_reader->read(frame));
    const media::ClipInfo& info = m_reader->info();
    media::ExrFrame out;
    out.image = std::move(decoded.image);
    const int width = decoded.mosaic ? decoded.mosaic->width : out.image.width();
    const int height = decoded.mosaic ? decoded.mosaic->height : out.image.height();
    out.dataWindow = out.displayWindow = {0, 0, width - 1, height - 1};
    out.pixelAspectRatio = info.pixelAspect;
    out.compression = media::ExrCompression::Zip;
    out.attributes.timeCode = media::ExrTimecode::parse(decoded.timecode);
    if (info.rate.valid()) {
        out.attributes.framesPerSecond = std::make_pair(info.rate.numerator, info.rate.denominator);
    }
    if (!info.reel.empty()) out.attributes.strings["reelName"] = info.reel;
    return InputFrame{std::move(out), std::move(decoded.mosaic)};
}

}  // namespace emu::cli
