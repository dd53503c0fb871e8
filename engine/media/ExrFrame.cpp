#include "emulsion/media/ExrFrame.h"

#include <cctype>
#include <cstdio>

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

// Parses exactly two decimal digits at text[pos].
std::optional<int> twoDigits(const std::string& text, std::size_t pos) {
    if (pos + 2 > text.size()) return std::nullopt;
    const char a = text[pos];
    const char b = text[pos + 1];
    if (!std::isdigit(static_cast<unsigned char>(a)) ||
        !std::isdigit(static_cast<unsigned char>(b))) {
        return std::nullopt;
    }
    return (a - '0') * 10 + (b - '0');
}

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

std::string ExrTimecode::toString() const {
    char text[16];
    std::snprintf(text, sizeof text, "%02d:%02d:%02d%c%02d", hours, minutes, seconds,
                  dropFrame ? ';' : ':', frame);
    return text;
}

std::optional<ExrTimecode> ExrTimecode::parse(const std::string& text) {
    if (text.size() != 11 || text[2] != ':' || text[5] != ':') return std::nullopt;
    if (text[8] != ':' && text[8] != ';') return std::nullopt;
    const auto h = twoDigits(text, 0);
    const auto m = twoDigits(text, 3);
    const auto s = twoDigits(text, 6);
    const auto f = twoDigits(text, 9);
    if (!h || !m || !s || !f) return std::nullopt;
    // The limits of the BCD fields in SMPTE 12M, which is what EXR stores.
    if (*h > 23 || *m > 59 || *s > 59 || *f > 29) return std::nullopt;
    ExrTimecode tc;
    tc.hours = *h;
    tc.minutes = *m;
    tc.seconds = *s;
    tc.frame = *f;
    tc.dropFrame = text[8] == ';';
    return tc;
}

}  // namespace emu::media
