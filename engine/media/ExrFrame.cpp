#include "emulsion/media/ExrFrame.h"

#include <cctype>

namespace emu::media {

namespace {

struct CompressionName {
    ExrCompression value;
    const char* name;
};

constexpr CompressionName kCompressionNames[] = {
    {ExrCompression::None, "none"}, {ExrCompression::Rle, "rle"},
    {ExrCompression::Zips, "zips"}, {ExrCompression::Zip, "zip"},
    {ExrCompression::Piz, "piz"},   {ExrCompression::Pxr24, "pxr24"},
    {ExrCompression::B44, "b44"},   {ExrCompression::B44a, "b44a"},
    {ExrCompression::Dwaa, "dwaa"}, {ExrCompression::Dwab, "dwab"},
};

}  // namespace

const char* toString(ChannelLayout layout) {
    switch (layout) {
        case ChannelLayout::Rgba:
            return "RGBA";
        case ChannelLayout::Rgb:
            return "RGB";
        case ChannelLayout::Ya:
            return "YA";
        case ChannelLayout::Y:
            return "Y";
        case ChannelLayout::LuminanceChroma:
            return "luminance/chroma";
    }
    return "?";
}

const char* toString(ExrStorage storage) {
    return storage == ExrStorage::Tiled ? "tiled" : "scanline";
}

const char* toString(ExrCompression compression) {
    for (const auto& entry : kCompressionNames) {
        if (entry.value == compression) return entry.name;
    }
    return "?";
}

std::optional<ExrCompression> parseExrCompression(const std::string& name) {
    std::string lower;
    for (char c : name) lower += char(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& entry : kCompressionNames) {
        if (lower == entry.name) return entry.value;
    }
    return std::nullopt;
}

bool isLossless(ExrCompression compression) {
    switch (compression) {
        case ExrCompression::None:
        case ExrCompression::Rle:
        case ExrCompression::Zips:
        case ExrCompression::Zip:
        case ExrCompression::Piz:
            return true;
        default:
            return false;
    }
}

}  // namespace emu::media
