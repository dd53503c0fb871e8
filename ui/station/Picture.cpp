#include "Picture.h"

#include <OpenImageIO/filesystem.h>
#include <OpenImageIO/imageio.h>

#include <algorithm>

#include "emulsion/core/AtomicFile.h"

namespace emu::station {

namespace {

std::vector<std::uint8_t> toRgb(const Picture& picture) {
    std::vector<std::uint8_t> rgb(std::size_t(picture.width) * picture.height * 3);
    for (std::size_t i = 0, n = std::size_t(picture.width) * picture.height; i < n; ++i) {
        for (int c = 0; c < 3; ++c) rgb[i * 3 + c] = picture.rgba[i * 4 + c];
    }
    return rgb;
}

}  // namespace

Status writePicture(const std::filesystem::path& path, const Picture& picture) {
    if (picture.empty()) {
        return makeError(ErrorCode::InvalidArgument, "nothing to write to " + path.string());
    }
    core::AtomicFile file(path);
    auto out = OIIO::ImageOutput::create(file.temporaryPath().string());
    if (!out) {
        return makeError(ErrorCode::Unsupported,
                         "cannot write " + path.string() + ": " + OIIO::geterror());
    }
    const std::vector<std::uint8_t> rgb = toRgb(picture);
    OIIO::ImageSpec spec(picture.width, picture.height, 3, OIIO::TypeDesc::UINT8);
    const bool ok = out->open(file.temporaryPath().string(), spec) &&
                    out->write_image(OIIO::TypeDesc::UINT8, rgb.data()) && out->close();
    if (!ok) {
        return makeError(ErrorCode::IoError,
                         "cannot write " + path.string() + ": " + out->geterror());
    }
    return file.commit();
}

Result<std::vector<std::uint8_t>> encodePng(const Picture& picture) {
    if (picture.empty()) return makeError(ErrorCode::InvalidArgument, "empty picture");
    std::vector<unsigned char> bytes;
    OIIO::Filesystem::IOVecOutput proxy(bytes);
    auto out = OIIO::ImageOutput::create("still.png");
    if (!out) return makeError(ErrorCode::Unsupported, "no PNG writer: " + OIIO::geterror());
    OIIO::ImageSpec spec(picture.width, picture.height, 3, OIIO::TypeDesc::UINT8);
    OIIO::Filesystem::IOProxy* proxyPtr = &proxy;
    spec.attribute("oiio:ioproxy", OIIO::TypeDesc::PTR, &proxyPtr);
    const std::vector<std::uint8_t> rgb = toRgb(picture);
    const bool ok = out->open("still.png", spec) &&
                    out->write_image(OIIO::TypeDesc::UINT8, rgb.data()) && out->close();
    if (!ok) return makeError(ErrorCode::IoError, "cannot encode a PNG: " + out->geterror());
    return std::vector<std::uint8_t>(bytes.begin(), bytes.end());
}

Picture sideBySide(const Picture& a, const Picture& b, int gapPx) {
    Picture out;
    out.width = a.width + gapPx + b.width;
    out.height = std::max(a.height, b.height);
    out.rgba.assign(std::size_t(out.width) * out.height * 4, 0);
    for (std::size_t i = 3; i < out.rgba.size(); i += 4) out.rgba[i] = 255;
    for (int y = 0; y < out.height; ++y) {
        std::uint8_t* row = out.rgba.data() + std::size_t(y) * out.width * 4;
        if (y < a.height) std::copy(a.pixel(0, y), a.pixel(0, y) + a.width * 4, row);
        if (y < b.height) {
            std::copy(b.pixel(0, y), b.pixel(0, y) + b.width * 4, row + (a.width + gapPx) * 4);
        }
    }
    return out;
}

Picture decimate(const Picture& picture, int factor) {
    if (factor <= 1) return picture;
    Picture out;
    out.width = (picture.width + factor - 1) / factor;
    out.height = (picture.height + factor - 1) / factor;
    out.rgba.resize(std::size_t(out.width) * out.height * 4);
    for (int y = 0; y < out.height; ++y) {
        for (int x = 0; x < out.width; ++x) {
            const std::uint8_t* p = picture.pixel(x * factor, y * factor);
            std::copy(p, p + 4, out.rgba.data() + (std::size_t(y) * out.width + x) * 4);
        }
    }
    return out;
}

}  // namespace emu::station
