// TIFF sequences and single files (8/16-bit integer, half and float samples) through
// OpenImageIO. Integer samples are normalised to [0, 1] by their maximum code value.
#include <OpenImageIO/imageio.h>

#include <algorithm>

#include "emulsion/media/ClipRegistry.h"

namespace emu::media {

namespace {

// As for EXR: beyond this a header is more likely damaged than describing a real picture.
constexpr long long kMaxPixels = 1ll << 28;
constexpr int kMaxSide = 1 << 20;

struct TiffHeader {
    int width = 0;
    int height = 0;
    int channels = 0;
    int bits = 0;
    float pixelAspect = 1.0f;
    std::string camera;
};

std::string oiioError(const std::string& fallback) {
    std::string e = OIIO::geterror();
    return e.empty() ? fallback : e;
}

Result<TiffHeader> readHeader(const std::filesystem::path& path) {
    auto in = OIIO::ImageInput::open(path.string());
    if (!in) {
        return makeError(ErrorCode::CorruptData,
                         path.string() + ": cannot read as TIFF: " + oiioError("unknown error"));
    }
    const OIIO::ImageSpec& spec = in->spec();
    TiffHeader h;
    h.width = spec.width;
    h.height = spec.height;
    h.channels = spec.nchannels;
    h.bits = spec.get_int_attribute("oiio:BitsPerSample", int(spec.format.size() * 8));
    h.pixelAspect = spec.get_float_attribute("PixelAspectRatio", 1.0f);
    const std::string make = spec.get_string_attribute("Make");
    const std::string model = spec.get_string_attribute("Model");
    h.camera = make.empty() ? model : model.empty() ? make : make + " " + model;
    if (h.width < 1 || h.height < 1 || h.width > kMaxSide || h.height > kMaxSide ||
        (long long)h.width * h.height > kMaxPixels || h.channels < 1 || h.channels > 64) {
        return makeError(ErrorCode::CorruptData, path.string() + ": implausible TIFF header (" +
                                                     std::to_string(h.width) + "x" +
                                                     std::to_string(h.height) + ", " +
                                                     std::to_string(h.channels) + " channels)");
    }
    return h;
}

Result<Image> readPixels(const std::filesystem::path& path) {
    EMU_ASSIGN_OR_RETURN(TiffHeader h, readHeader(path));
    auto in = OIIO::ImageInput::open(path.string());
    if (!in)
        return makeError(ErrorCode::CorruptData, path.string() + ": " + oiioError("cannot open"));
    std::vector<float> samples(std::size_t(h.width) * h.height * h.channels);
    if (!in->read_image(0, 0, 0, h.channels, OIIO::TypeDesc::FLOAT, samples.data())) {
        return makeError(
            ErrorCode::CorruptData,
            path.string() + ": " + (in->has_error() ? in->geterror() : "cannot decode"));
    }
    Image image(h.width, h.height, PixelType::Float);
    auto* out = reinterpret_cast<float*>(image.data());
    const std::size_t n = std::size_t(h.width) * h.height;
    for (std::size_t i = 0; i < n; ++i) {
        const float* s = &samples[i * h.channels];
        // Grey (and grey + alpha) spreads to RGB; a fourth channel is alpha.
        const bool grey = h.channels < 3;
        out[4 * i] = s[0];
        out[4 * i + 1] = grey ? s[0] : s[1];
        out[4 * i + 2] = grey ? s[0] : s[2];
        out[4 * i + 3] = h.channels == 2 ? s[1] : h.channels >= 4 ? s[3] : 1.0f;
    }
    return image;
}

class TiffClipReader final : public ClipReader {
public:
    TiffClipReader(FileSequence files, ClipInfo info)
        : m_files(std::move(files)), m_info(std::move(info)) {}

    const ClipInfo& info() const override { return m_info; }

    Result<Frame> read(int frame) override {
        if (!m_files.has(frame)) {
            return makeError(ErrorCode::NotFound, m_files.pattern.path(frame).string() +
                                                      ": frame " + std::to_string(frame) +
                                                      " is not in the clip");
        }
        const std::filesystem::path path = m_files.pattern.path(frame);
        EMU_ASSIGN_OR_RETURN(Image image, readPixels(path));
        if (image.width() != m_info.width || image.height() != m_info.height) {
            return makeError(ErrorCode::CorruptData,
                             path.string() + ": " + std::to_string(image.width()) + "x" +
                                 std::to_string(image.height()) + " in a clip of " +
                                 std::to_string(m_info.width) + "x" +
                                 std::to_string(m_info.height));
        }
        Frame out;
        out.image = std::move(image);
        return out;
    }

private:
    FileSequence m_files;
    ClipInfo m_info;
};

}  // namespace

Result<std::unique_ptr<ClipReader>> openTiffClip(const FileSequence& files) {
    EMU_ASSIGN_OR_RETURN(TiffHeader h, readHeader(files.firstPath()));
    ClipInfo info;
    info.format = "tiff";
    info.codec = "tiff";
    info.path = files.pattern.text();
    info.width = h.width;
    info.height = h.height;
    info.pixelAspect = h.pixelAspect;
    info.firstFrame = files.first();
    info.frameCount = files.isSequence() ? files.last() - files.first() + 1 : 1;
    info.missingFrames = files.missing();
    info.camera = h.camera;
    info.bitDepth = h.bits;
    info.clipName = std::filesystem::path(files.firstPath()).stem().string();
    return std::unique_ptr<ClipReader>(new TiffClipReader(files, std::move(info)));
}

}  // namespace emu::media
