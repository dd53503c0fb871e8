#include "emulsion/render/DeliverableWriter.h"

#include <cstdio>
#include <system_error>

#include "emulsion/media/DpxWriter.h"
#include "emulsion/media/ExrWriter.h"
#include "emulsion/media/TiffWriter.h"

namespace emu::render {

namespace {

// ACES AP0 primaries and white point (SMPTE ST 2065-1).
constexpr std::array<float, 8> kAp0{0.7347f, 0.2653f, 0.0f,     1.0f,
                                    0.0001f, -0.077f, 0.32168f, 0.33767f};

media::ExrCompression compressionOf(const std::string& codec) {
    if (codec == "piz") return media::ExrCompression::Piz;
    if (codec == "zip") return media::ExrCompression::Zip;
    if (codec == "dwaa") return media::ExrCompression::Dwaa;
    return media::ExrCompression::None;
}

}  // namespace

DeliverableWriter::~DeliverableWriter() = default;

Result<std::unique_ptr<DeliverableWriter>> DeliverableWriter::create(
    const Preset& preset, const std::filesystem::path& outDir, const std::string& name,
    const timeline::Timeline& timeline, int widthPx, int heightPx, const FrameContext& first,
    const std::filesystem::path& mix) {
    std::unique_ptr<DeliverableWriter> w(new DeliverableWriter());
    w->m_preset = preset;
    w->m_outDir = outDir;
    w->m_name = name;
    w->m_timeline.title = timeline.title;
    w->m_timeline.rate = timeline.rate;
    w->m_timeline.dropFrame = timeline.dropFrame;
    std::error_code ec;
    const std::filesystem::path dir = preset.perFrameFiles() ? outDir / name : outDir;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        return makeError(ErrorCode::IoError, "cannot create " + dir.string() + ": " + ec.message());
    }
    if (preset.perFrameFiles()) return w;
    const auto codec = media::movieCodecFromString(preset.codec);
    const bool review = codec == media::MovieCodec::H264 || codec == media::MovieCodec::H265;
    if (!codec || !(preset.container == "mov" || (preset.container == "mp4" && review))) {
        return makeError(ErrorCode::Unsupported, "preset " + preset.name + ": this build writes " +
                                                     preset.codec + " in ." + preset.container +
                                                     " nowhere");
    }
    media::MovieWriteOptions options;
    options.codec = *codec;
    options.width = widthPx;
    options.height = heightPx;
    options.rate = {int(timeline.rate.numerator), int(timeline.rate.denominator)};
    options.startTimecode = first.recordTimecode;
    options.reel = first.reel;
    options.alpha = preset.alpha;
    if (preset.audio) {
        if (mix.empty()) {
            return makeError(ErrorCode::InvalidArgument,
                             "preset " + preset.name + " carries the final mix: name its WAV file");
        }
        options.audio = mix;
        options.audioStart = first.recordFrame - timeline.startFrame;
    }
    EMU_ASSIGN_OR_RETURN(w->m_movie, media::MovieWriter::create(w->output(), options));
    return w;
}

std::filesystem::path DeliverableWriter::output() const {
    return m_preset.perFrameFiles() ? m_outDir / m_name
                                    : m_outDir / (m_name + m_preset.extension());
}

std::filesystem::path DeliverableWriter::frameFileOf(const Preset& preset,
                                                     const std::filesystem::path& outDir,
                                                     const std::string& name,
                                                     timeline::Frames recordFrame) {
    char number[32];
    std::snprintf(number, sizeof number, ".%07lld", static_cast<long long>(recordFrame));
    return outDir / name / (name + number + preset.extension());
}

Status DeliverableWriter::writeExrFrame(const std::filesystem::path& file,
                                        const media::Image& image, const FrameContext& ctx) const {
    media::ExrFrame frame;
    frame.image = image.converted(media::PixelType::Half);
    frame.dataWindow = frame.displayWindow = {0, 0, image.width() - 1, image.height() - 1};
    frame.layout = m_preset.alpha ? media::ChannelLayout::Rgba : media::ChannelLayout::Rgb;
    frame.storage = media::ExrStorage::Scanline;
    frame.compression = compressionOf(m_preset.codec);
    frame.attributes.timeCode = media::SmpteTimecode::parse(ctx.recordTimecode);
    frame.attributes.framesPerSecond =
        std::make_pair(int(m_timeline.rate.numerator), int(m_timeline.rate.denominator));
    if (m_preset.aces || m_preset.colourSpace == "ACES2065-1") {
        frame.attributes.chromaticities = kAp0;
    }
    if (m_preset.aces) frame.attributes.ints["acesImageContainerFlag"] = 1;
    if (!ctx.reel.empty()) frame.attributes.strings["reelName"] = ctx.reel;
    return media::writeExr(file, frame);
}

Status DeliverableWriter::writeDpxFrame(const std::filesystem::path& file,
                                        const media::Image& image, const FrameContext& ctx) const {
    media::DpxFrame frame;
    frame.image =
        image.type() == media::PixelType::Float ? image : image.converted(media::PixelType::Float);
    media::DpxHeader& h = frame.header;
    const bool log = m_preset.codec == "10bit_log";
    h.bitDepth = log ? 10 : 16;
    h.packing = media::DpxPacking::FilledA;
    h.descriptor = m_preset.alpha ? media::DpxDescriptor::Rgba : media::DpxDescriptor::Rgb;
    // 268M has no code for ACES log encodings: "logarithmic", colorimetry user defined.
    const bool rec709 = m_preset.display.find("709") != std::string::npos;
    h.transfer = log      ? media::DpxCharacteristic::Logarithmic
                 : rec709 ? media::DpxCharacteristic::ItuR709
                          : media::DpxCharacteristic::UserDefined;
    h.colorimetric =
        rec709 ? media::DpxCharacteristic::ItuR709 : media::DpxCharacteristic::UserDefined;
    // A fixed creation time keeps a re-rendered frame identical to the one it replaces.
    h.creationTime = "1970:01:01:00:00:00Z";
    h.creator = "Emulsion";
    h.project = m_timeline.title.substr(0, 200);
    h.inputDevice = ctx.reel.substr(0, 32);
    h.timecode = media::SmpteTimecode::parse(ctx.recordTimecode);
    h.tvFrameRate = float(m_timeline.rate.fps());
    h.filmFrameRate = float(m_timeline.rate.fps());
    h.frameId = ctx.shotName.substr(0, 32);
    return media::writeDpx(file, frame);
}

Status DeliverableWriter::write(const media::Image& image, const FrameContext& ctx) {
    if (m_movie) return m_movie->write(image);
    const std::filesystem::path file = frameFile(ctx.recordFrame);
    if (m_preset.container == "exr") return writeExrFrame(file, image, ctx);
    if (m_preset.container == "dpx") return writeDpxFrame(file, image, ctx);
    media::TiffWriteOptions options;
    options.alpha = m_preset.alpha;
    options.software = "Emulsion";
    options.description = ctx.recordTimecode;
    return media::writeTiff16(file, image, options);
}

Status DeliverableWriter::finish() {
    if (!m_movie) return Status::ok();
    Status s = m_movie->close();
    m_movie.reset();
    return s;
}

}  // namespace emu::render
