#include "emulsion/media/TiffWriter.h"

#include <OpenImageIO/imageio.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "emulsion/core/AtomicFile.h"

namespace emu::media {

namespace {

std::uint16_t toCode16(float v) {
    if (!(v > 0.0f)) return 0;  // NaN and negatives
    if (v >= 1.0f) return 65535;
    return static_cast<std::uint16_t>(std::lround(v * 65535.0f));
}

}  // namespace

Status writeTiff16(const std::filesystem::path& path, const Image& image,
                   const TiffWriteOptions& options) {
    if (image.empty())
        return makeError(ErrorCode::InvalidArgument, path.string() + ": empty image");
    const int channels = options.alpha ? 4 : 3;
    const Image source =
        image.type() == PixelType::Float ? image : image.converted(PixelType::Float);
    const float* in = reinterpret_cast<const float*>(source.data());
    std::vector<std::uint16_t> samples(source.pixelCount() * channels);
    for (std::size_t p = 0; p < source.pixelCount(); ++p) {
        for (int c = 0; c < channels; ++c) samples[p * channels + c] = toCode16(in[p * 4 + c]);
    }
    core::AtomicFile file(path);
    auto out = OIIO::ImageOutput::create("tiff");
    if (!out) return makeError(ErrorCode::Unsupported, path.string() + ": no TIFF writer");
    OIIO::ImageSpec spec(source.width(), source.height(), channels, OIIO::TypeDesc::UINT16);
    spec.attribute("compression", "none");
    spec.attribute("tiff:PlanarConfig", "contig");
    if (options.alpha) spec.alpha_channel = 3;
    if (!options.software.empty()) spec.attribute("Software", options.software);
    if (!options.description.empty()) spec.attribute("ImageDescription", options.description);
    const std::string temporary = file.temporaryPath().string();
    if (!out->open(temporary, spec) || !out->write_image(OIIO::TypeDesc::UINT16, samples.data()) ||
        !out->close()) {
        std::string e = out->geterror();
        return makeError(ErrorCode::IoError,
                         path.string() + ": cannot write TIFF: " + (e.empty() ? "unknown" : e));
    }
    return file.commit();
}

}  // namespace emu::media
