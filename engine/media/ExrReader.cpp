#include "emulsion/media/ExrReader.h"

#include <Iex.h>
#include <OpenEXR/ImfChannelList.h>
#include <OpenEXR/ImfFrameBuffer.h>
#include <OpenEXR/ImfHeader.h>
#include <OpenEXR/ImfInputPart.h>
#include <OpenEXR/ImfMultiPartInputFile.h>
#include <OpenEXR/ImfPartType.h>
#include <OpenEXR/ImfRgbaFile.h>
#include <OpenEXR/ImfThreading.h>
#include <OpenEXR/ImfTileDescriptionAttribute.h>

#include <algorithm>
#include <cstring>
#include <new>
#include <set>

#include "ExrHeaderMapping.h"
#include "ExrPreflight.h"

namespace emu::media {

namespace {

Status fileError(ErrorCode code, const std::filesystem::path& path, const std::string& what) {
    return makeError(code, path.string() + ": " + what);
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + (n.empty() ? "(default)" : n);
    return out.empty() ? "none" : out;
}

// Layer names of a channel list; "" for the default layer when it has channels.
std::vector<std::string> layersOf(const Imf::ChannelList& channels) {
    std::set<std::string> named;
    channels.layers(named);
    std::vector<std::string> out;
    for (auto it = channels.begin(); it != channels.end(); ++it) {
        if (std::strchr(it.name(), '.') == nullptr) {
            out.emplace_back();
            break;
        }
    }
    out.insert(out.end(), named.begin(), named.end());
    return out;
}

std::vector<std::string> channelNames(const Imf::ChannelList& channels) {
    std::vector<std::string> out;
    for (auto it = channels.begin(); it != channels.end(); ++it) out.emplace_back(it.name());
    return out;
}

// A part by name first (a part may be called "1"), then by decimal index.
Result<int> selectPart(const Imf::MultiPartInputFile& file, const std::string& wanted,
                       const std::filesystem::path& path) {
    const int parts = file.parts();
    if (wanted.empty()) return 0;
    std::vector<std::string> names;
    for (int i = 0; i < parts; ++i) {
        const Imf::Header& h = file.header(i);
        // Unnamed parts are listed by index, as they can be asked for.
        names.push_back(h.hasName() ? h.name() : std::string(1, '#').append(std::to_string(i)));
        if (h.hasName() && h.name() == wanted) return i;
    }
    if (std::all_of(wanted.begin(), wanted.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
        wanted.size() < 9) {
        const int index = std::stoi(wanted);
        if (index < parts) return index;
    }
    return fileError(ErrorCode::NotFound, path,
                     "no part '" + wanted + "'; parts: " + joined(names));
}

// The channels of one layer that the frame is built from.
struct ChannelPick {
    ChannelLayout layout = ChannelLayout::Rgba;
    std::vector<std::pair<std::string, int>> slices;  // file channel -> image channel
    PixelType type = PixelType::Half;
};

Result<ChannelPick> pickChannels(const Imf::Header& header, const std::string& layer,
                                 const std::filesystem::path& path) {
    const Imf::ChannelList& channels = header.channels();
    const auto layers = layersOf(channels);
    if (std::find(layers.begin(), layers.end(), layer) == layers.end()) {
        return fileError(ErrorCode::NotFound, path,
                         "no layer '" + layer + "'; layers: " + joined(layers));
    }
    const std::string prefix = layer.empty() ? "" : layer + ".";
    auto has = [&](const char* name) { return channels.findChannel(prefix + name) != nullptr; };
    ChannelPick pick;
    if (has("Y") && (has("RY") || has("BY"))) {
        pick.layout = ChannelLayout::LuminanceChroma;
        return pick;
    }
    if (has("R") || has("G") || has("B")) {
        pick.layout = has("A") ? ChannelLayout::Rgba : ChannelLayout::Rgb;
        pick.slices = {{"R", 0}, {"G", 1}, {"B", 2}, {"A", 3}};
    } else if (has("Y")) {
        pick.layout = has("A") ? ChannelLayout::Ya : ChannelLayout::Y;
        pick.slices = {{"Y", 0}, {"A", 3}};
    } else {
        return fileError(ErrorCode::Unsupported, path,
                         "layer '" + layer + "' has no R, G, B or Y channel (channels: " +
                             joined(channelNames(channels)) + ")");
    }
    for (auto& [name, index] : pick.slices) {
        name = prefix + name;
        const Imf::Channel* c = channels.findChannel(name);
        if (!c) continue;  // filled: colour with 0, alpha with 1
        if (c->xSampling != 1 || c->ySampling != 1) {
            return fileError(ErrorCode::Unsupported, path,
                             "channel '" + name + "' is subsampled (only Y, RY, BY may be)");
        }
        if (c->type != Imf::HALF) pick.type = PixelType::Float;
    }
    return pick;
}

// Everything but the pixels.
ExrFrame describe(const Imf::Header& header) {
    ExrFrame frame;
    frame.dataWindow = fromImath(header.dataWindow());
    frame.displayWindow = fromImath(header.displayWindow());
    frame.pixelAspectRatio = header.pixelAspectRatio();
    frame.compression = fromImf(header.compression());
    if (header.hasTileDescription()) {
        frame.storage = ExrStorage::Tiled;
        frame.tileWidth = int(header.tileDescription().xSize);
        frame.tileHeight = int(header.tileDescription().ySize);
    }
    if (header.hasName()) frame.partName = header.name();
    frame.attributes = attributesFromHeader(header);
    return frame;
}

void readGeneric(Imf::MultiPartInputFile& file, int part, const ChannelPick& pick,
                 ExrFrame& frame) {
    const Box2i& dw = frame.dataWindow;
    if (dw.empty()) return;
    frame.image = Image(dw.width(), dw.height(), pick.type);
    Image& img = frame.image;
    const Imf::PixelType type = pick.type == PixelType::Half ? Imf::HALF : Imf::FLOAT;
    const std::size_t sampleBytes = bytesPerSample(pick.type);
    Imf::FrameBuffer buffer;
    for (const auto& [name, channel] : pick.slices) {
        const double fill = channel == 3 ? 1.0 : 0.0;
        buffer.insert(name, Imf::Slice::Make(type, img.data() + channel * sampleBytes, toImath(dw),
                                             img.bytesPerPixel(), img.rowBytes(), 1, 1, fill));
    }
    Imf::InputPart in(file, part);
    in.setFrameBuffer(buffer);
    in.readPixels(dw.minY, dw.maxY);
    if (pick.layout == ChannelLayout::Y || pick.layout == ChannelLayout::Ya) {
        std::byte* p = img.data();
        for (std::size_t i = 0; i < img.pixelCount(); ++i, p += img.bytesPerPixel()) {
            std::memcpy(p + sampleBytes, p, sampleBytes);
            std::memcpy(p + 2 * sampleBytes, p, sampleBytes);
        }
    }
}

// OpenEXR's RGBA interface owns the chroma reconstruction filter; it reads the first part only.
void readLuminanceChroma(const std::filesystem::path& path, const std::string& layer,
                         ExrFrame& frame) {
    const Box2i& dw = frame.dataWindow;
    if (dw.empty()) return;
    frame.image = Image(dw.width(), dw.height(), PixelType::Half);
    Imf::RgbaInputFile in(path.c_str(), layer);
    // The origin pixel's address, computed in integers: the library adds the window back.
    static_assert(sizeof(Imf::Rgba) == 8);
    const std::uintptr_t first = reinterpret_cast<std::uintptr_t>(frame.image.data());
    const std::uintptr_t origin = first - (std::uintptr_t(std::intptr_t(dw.minY)) * dw.width() +
                                           std::uintptr_t(std::intptr_t(dw.minX))) *
                                              sizeof(Imf::Rgba);
    in.setFrameBuffer(reinterpret_cast<Imf::Rgba*>(origin), 1, std::size_t(dw.width()));
    in.readPixels(dw.minY, dw.maxY);
}

// Runs `body`, turning every exception into a Status that names the file.
template <typename Body>
Status guarded(const std::filesystem::path& path, Body&& body) {
    try {
        return body();
    } catch (const Iex::ErrnoExc& e) {
        return fileError(ErrorCode::IoError, path, e.what());
    } catch (const std::bad_alloc&) {
        return fileError(ErrorCode::IoError, path, "not enough memory to decode");
    } catch (const std::exception& e) {
        return fileError(ErrorCode::CorruptData, path, e.what());
    } catch (...) {
        return fileError(ErrorCode::CorruptData, path, "unknown error while decoding");
    }
}

}  // namespace

Result<ExrFrame> readExr(const std::filesystem::path& path, const ExrReadOptions& options) {
    EMU_RETURN_IF_ERROR(preflightExr(path));
    ExrFrame frame;
    const Status status = guarded(path, [&]() -> Status {
        Imf::MultiPartInputFile file(path.c_str());
        EMU_ASSIGN_OR_RETURN(const int part, selectPart(file, options.part, path));
        const Imf::Header& header = file.header(part);
        if (header.hasType() && Imf::isDeepData(header.type())) {
            return fileError(ErrorCode::Unsupported, path,
                             "part " + std::to_string(part) + " holds deep data");
        }
        EMU_ASSIGN_OR_RETURN(const ChannelPick pick, pickChannels(header, options.layer, path));
        frame = describe(header);
        frame.layout = pick.layout;
        frame.layer = options.layer;
        if (pick.layout != ChannelLayout::LuminanceChroma) {
            readGeneric(file, part, pick, frame);
        } else if (part == 0) {
            readLuminanceChroma(path, options.layer, frame);
        } else {
            return fileError(ErrorCode::Unsupported, path,
                             "luminance/chroma is only read from the first part");
        }
        return Status::ok();
    });
    if (!status.isOk()) return status;
    return frame;
}

Result<std::vector<ExrPartInfo>> probeExr(const std::filesystem::path& path) {
    EMU_RETURN_IF_ERROR(preflightExr(path));
    std::vector<ExrPartInfo> parts;
    const Status status = guarded(path, [&]() -> Status {
        Imf::MultiPartInputFile file(path.c_str());
        for (int i = 0; i < file.parts(); ++i) {
            const Imf::Header& h = file.header(i);
            ExrPartInfo info;
            info.name = h.hasName() ? h.name() : "";
            info.index = i;
            info.dataWindow = fromImath(h.dataWindow());
            info.displayWindow = fromImath(h.displayWindow());
            info.layers = layersOf(h.channels());
            info.channels = channelNames(h.channels());
            info.tiled = h.hasTileDescription();
            info.deep = h.hasType() && Imf::isDeepData(h.type());
            parts.push_back(std::move(info));
        }
        return Status::ok();
    });
    if (!status.isOk()) return status;
    return parts;
}

void setExrThreadCount(int threads) {
    Imf::setGlobalThreadCount(std::max(0, threads));
}

}  // namespace emu::media
