#include "emulsion/media/ExrWriter.h"

#include <Iex.h>
#include <OpenEXR/ImfChannelList.h>
#include <OpenEXR/ImfFrameBuffer.h>
#include <OpenEXR/ImfHeader.h>
#include <OpenEXR/ImfMultiPartOutputFile.h>
#include <OpenEXR/ImfOutputPart.h>
#include <OpenEXR/ImfPartType.h>
#include <OpenEXR/ImfRgbaFile.h>
#include <OpenEXR/ImfTileDescriptionAttribute.h>
#include <OpenEXR/ImfTiledOutputPart.h>

#include <cmath>
#include <cstring>
#include <new>
#include <set>
#include <span>

#include "ExrFileStream.h"
#include "ExrHeaderMapping.h"
#include "emulsion/core/AtomicFile.h"
#include "emulsion/core/Result.h"

namespace emu::media {

namespace {

Status fileError(ErrorCode code, const std::filesystem::path& path, const std::string& what) {
    return makeError(code, path.string() + ": " + what);
}

// Which image channel feeds which file channel (without the layer prefix).
std::vector<std::pair<const char*, int>> channelsFor(ChannelLayout layout) {
    switch (layout) {
        case ChannelLayout::Rgba:
            return {{"R", 0}, {"G", 1}, {"B", 2}, {"A", 3}};
        case ChannelLayout::Rgb:
            return {{"R", 0}, {"G", 1}, {"B", 2}};
        case ChannelLayout::Ya:
            return {{"Y", 0}, {"A", 3}};
        case ChannelLayout::Y:
            return {{"Y", 0}};
        case ChannelLayout::LuminanceChroma:
            break;
    }
    return {};
}

Status validate(const ExrFrame& f, const std::filesystem::path& path, bool multipart) {
    auto invalid = [&](const std::string& what) {
        return fileError(ErrorCode::InvalidArgument, path, what);
    };
    if (f.dataWindow.empty() || f.displayWindow.empty()) return invalid("empty window");
    if (f.image.width() != f.dataWindow.width() || f.image.height() != f.dataWindow.height()) {
        return invalid("image is " + std::to_string(f.image.width()) + " x " +
                       std::to_string(f.image.height()) + " but the data window is " +
                       std::to_string(f.dataWindow.width()) + " x " +
                       std::to_string(f.dataWindow.height()));
    }
    if (f.storage == ExrStorage::Tiled && f.layout != ChannelLayout::LuminanceChroma &&
        (f.tileWidth <= 0 || f.tileHeight <= 0)) {
        return invalid("tiled storage needs a positive tile size");
    }
    if (!(f.pixelAspectRatio > 0.f) || !std::isfinite(f.pixelAspectRatio)) {
        return invalid("pixel aspect ratio must be positive");
    }
    if (f.layout == ChannelLayout::LuminanceChroma && !f.layer.empty()) {
        return fileError(ErrorCode::Unsupported, path,
                         "luminance/chroma can only be written in the default layer");
    }
    // OpenEXR samples chroma at even coordinates only.
    if (f.layout == ChannelLayout::LuminanceChroma &&
        (f.dataWindow.minX % 2 != 0 || f.dataWindow.minY % 2 != 0)) {
        return invalid("luminance/chroma needs a data window origin at even coordinates");
    }
    if (f.layout == ChannelLayout::LuminanceChroma && multipart) {
        return fileError(ErrorCode::Unsupported, path,
                         "luminance/chroma can only be written as a single-part file");
    }
    return Status::ok();
}

Result<Imf::Header> makeHeader(const ExrFrame& f) {
    Imf::Header h(toImath(f.displayWindow), toImath(f.dataWindow), f.pixelAspectRatio,
                  Imath::V2f(0, 0), 1.f, Imf::INCREASING_Y, toImf(f.compression));
    EMU_RETURN_IF_ERROR(applyAttributes(f.attributes, h));
    if (!f.partName.empty()) h.setName(f.partName);
    if (f.layout == ChannelLayout::LuminanceChroma) return h;  // the RGBA interface adds the rest

    const Imf::PixelType type = f.image.type() == PixelType::Half ? Imf::HALF : Imf::FLOAT;
    const std::string prefix = f.layer.empty() ? "" : f.layer + ".";
    for (const auto& [name, channel] : channelsFor(f.layout)) {
        h.channels().insert(prefix + name, Imf::Channel(type));
    }
    const bool tiled = f.storage == ExrStorage::Tiled;
    if (tiled) {
        h.setTileDescription(
            Imf::TileDescription(unsigned(f.tileWidth), unsigned(f.tileHeight), Imf::ONE_LEVEL));
    }
    h.setType(tiled ? Imf::TILEDIMAGE : Imf::SCANLINEIMAGE);  // MultiPartOutputFile needs it
    return h;
}

Imf::FrameBuffer frameBufferFor(const ExrFrame& f) {
    const Imf::PixelType type = f.image.type() == PixelType::Half ? Imf::HALF : Imf::FLOAT;
    const std::size_t sampleBytes = bytesPerSample(f.image.type());
    const std::string prefix = f.layer.empty() ? "" : f.layer + ".";
    Imf::FrameBuffer buffer;
    for (const auto& [name, channel] : channelsFor(f.layout)) {
        buffer.insert(prefix + name, Imf::Slice::Make(type, f.image.data() + channel * sampleBytes,
                                                      toImath(f.dataWindow),
                                                      f.image.bytesPerPixel(), f.image.rowBytes()));
    }
    return buffer;
}

void writeParts(ExrFileStream& stream, std::span<const ExrFrame> frames,
                const std::vector<Imf::Header>& headers) {
    Imf::MultiPartOutputFile file(stream, headers.data(), int(headers.size()));
    for (std::size_t i = 0; i < frames.size(); ++i) {
        const ExrFrame& f = frames[i];
        if (f.storage == ExrStorage::Tiled) {
            Imf::TiledOutputPart out(file, int(i));
            out.setFrameBuffer(frameBufferFor(f));
            out.writeTiles(0, out.numXTiles(0) - 1, 0, out.numYTiles(0) - 1);
        } else {
            Imf::OutputPart out(file, int(i));
            out.setFrameBuffer(frameBufferFor(f));
            out.writePixels(f.dataWindow.height());
        }
    }
}

void writeLuminanceChroma(ExrFileStream& stream, const ExrFrame& f, const Imf::Header& header) {
    const Image half = f.image.converted(PixelType::Half);
    // Alpha is only stored when it says something.
    const std::uint16_t one = floatToHalf(1.f);
    bool opaque = true;
    const auto* samples = reinterpret_cast<const std::uint16_t*>(half.data());
    for (std::size_t i = 0; i < half.pixelCount() && opaque; ++i) {
        opaque = samples[4 * i + 3] == one;
    }

    Imf::RgbaOutputFile out(stream, header, opaque ? Imf::WRITE_YC : Imf::WRITE_YCA);
    // The origin pixel's address, computed in integers: the library adds the window back.
    const Box2i& dw = f.dataWindow;
    const std::uintptr_t first = reinterpret_cast<std::uintptr_t>(half.data());
    const std::uintptr_t origin = first - (std::uintptr_t(std::intptr_t(dw.minY)) * dw.width() +
                                           std::uintptr_t(std::intptr_t(dw.minX))) *
                                              sizeof(Imf::Rgba);
    out.setFrameBuffer(reinterpret_cast<const Imf::Rgba*>(origin), 1, std::size_t(dw.width()));
    out.writePixels(dw.height());
}

// Encodes every frame into `stream`, turning whatever OpenEXR throws into a Status.
Status encodeGuarded(const std::filesystem::path& path, ExrFileStream& stream,
                     std::span<const ExrFrame> frames) {
    try {
        std::vector<Imf::Header> headers;
        for (const ExrFrame& f : frames) {
            Result<Imf::Header> h = makeHeader(f);
            if (!h.isOk()) return h.status().withContext(path.string());
            headers.push_back(std::move(h).value());
        }
        if (frames[0].layout == ChannelLayout::LuminanceChroma) {
            writeLuminanceChroma(stream, frames[0], headers[0]);
        } else {
            writeParts(stream, frames, headers);
        }
        return Status::ok();
    } catch (const std::bad_alloc&) {
        return fileError(ErrorCode::IoError, path, "not enough memory to encode");
    } catch (const std::exception& e) {
        // A failed write surfaces as whatever the library made of it; the stream knows why.
        if (!stream.ok()) return fileError(ErrorCode::IoError, path, stream.error());
        const bool badArgument = dynamic_cast<const Iex::ArgExc*>(&e) != nullptr;
        return fileError(badArgument ? ErrorCode::InvalidArgument : ErrorCode::IoError, path,
                         e.what());
    } catch (...) {
        return fileError(ErrorCode::IoError, path, "unknown error while encoding");
    }
}

Status writeFile(const std::filesystem::path& path, std::span<const ExrFrame> frames) {
    const bool multipart = frames.size() > 1;
    std::set<std::string> names;
    for (const ExrFrame& f : frames) {
        EMU_RETURN_IF_ERROR(validate(f, path, multipart));
        if (multipart && (f.partName.empty() || !names.insert(f.partName).second)) {
            return fileError(ErrorCode::InvalidArgument, path,
                             "every part needs a distinct, non-empty name ('" + f.partName + "')");
        }
    }
    const std::filesystem::path dir =
        path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        return fileError(ErrorCode::NotFound, path,
                         "directory " + dir.string() + " does not exist");
    }

    core::AtomicFile target(path);
    ExrFileStream stream(target.temporaryPath());
    if (!stream.ok()) return fileError(ErrorCode::IoError, path, stream.error());
    EMU_RETURN_IF_ERROR(encodeGuarded(path, stream, frames));
    const Status finished = stream.finish();
    if (!finished.isOk()) return finished.withContext(path.string());
    return target.commit();
}

}  // namespace

Status writeExr(const std::filesystem::path& path, const ExrFrame& frame) {
    return writeFile(path, std::span<const ExrFrame>(&frame, 1));
}

Status writeExrParts(const std::filesystem::path& path, const std::vector<ExrFrame>& frames) {
    if (frames.empty()) {
        return fileError(ErrorCode::InvalidArgument, path, "no parts to write");
    }
    return writeFile(path, frames);
}

}  // namespace emu::media
