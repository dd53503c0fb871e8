#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "emulsion/media/Image.h"

namespace emu::media {

// Which channels an EXR part stores. The Image in memory is always RGBA; the layout says how to
// write it back: Rgb drops alpha, Y and Ya write the R channel as luminance.
enum class ChannelLayout {
    Rgba,             // R, G, B, A
    Rgb,              // R, G, B (alpha reads as 1)
    Ya,               // Y, A (reads as R = G = B = Y)
    Y,                // Y
    LuminanceChroma,  // Y, RY, BY (chroma subsampled 2x2), optionally A; lossy by design
};

enum class ExrStorage { Scanline, Tiled };

enum class ExrCompression { None, Rle, Zips, Zip, Piz, Pxr24, B44, B44a, Dwaa, Dwab };

const char* toString(ChannelLayout layout);
const char* toString(ExrStorage storage);
// Lowercase names as OpenEXR tools spell them: "none", "rle", "zips", "zip", "piz", "pxr24",
// "b44", "b44a", "dwaa", "dwab".
const char* toString(ExrCompression compression);
// The inverse of toString (case-insensitive); nullopt for an unknown name.
std::optional<ExrCompression> parseExrCompression(const std::string& name);
// True when the compression reproduces every sample bit for bit, whatever its pixel type.
// (Pxr24 is exact for half only, B44/B44A for float only; see ExrWriter.h.)
bool isLossless(ExrCompression compression);

// SMPTE 12M time code as EXR stores it in the "timeCode" attribute.
// Thread: value type.
struct ExrTimecode {
    int hours = 0;    // 0..23
    int minutes = 0;  // 0..59
    int seconds = 0;  // 0..59
    int frame = 0;    // 0..29
    bool dropFrame = false;
    bool colorFrame = false;
    bool fieldPhase = false;
    std::uint8_t binaryGroupFlags = 0;  // bgf0..bgf2 in bits 0..2
    std::uint32_t userData = 0;         // the eight 4-bit binary groups

    // "HH:MM:SS:FF", with ';' before the frame for drop-frame time code.
    std::string toString() const;
    // Accepts "HH:MM:SS:FF" or "HH:MM:SS;FF" (drop frame). nullopt if malformed or out of range.
    static std::optional<ExrTimecode> parse(const std::string& text);
    bool operator==(const ExrTimecode&) const = default;
};

// Everything in a part's header that is not structure, kept to be written back. Defined in the
// media module's sources only, so no OpenEXR type leaks into this header.
struct ExrOpaqueHeader;

// The metadata of a part: typed where the engine uses it, opaque otherwise.
// Thread: value type; the passthrough is immutable and shared between copies.
struct ExrAttributes {
    std::optional<ExrTimecode> timeCode;
    std::optional<std::pair<int, int>> framesPerSecond;  // numerator, denominator (> 0)
    std::optional<std::array<float, 8>> chromaticities;  // rx ry gx gy bx by wx wy (CIE xy)
    // Every string attribute ("owner", "comments", "reelName", ...) except the structural
    // "name" and "type", which come from ExrFrame.
    std::map<std::string, std::string> strings;
    // Every other non-structural attribute of the source header (ints, floats, matrices,
    // key codes, attributes of types OpenEXR does not know...). Null for a frame made in memory.
    std::shared_ptr<const ExrOpaqueHeader> passthrough;
};

// One part of an EXR file, decoded. Produced by readExr, consumed by writeExr.
// Thread: value type.
struct ExrFrame {
    Image image;  // RGBA covering dataWindow; half if every channel read was half, else float
    Box2i dataWindow;
    Box2i displayWindow;
    float pixelAspectRatio = 1.f;
    ChannelLayout layout = ChannelLayout::Rgba;
    ExrStorage storage = ExrStorage::Scanline;
    int tileWidth = 0;  // [px], tiled storage only
    int tileHeight = 0;
    ExrCompression compression = ExrCompression::Zip;
    std::string partName;  // the part's "name" attribute (empty if the file has none)
    std::string layer;     // channel-name prefix without the dot ("" = default layer)
    ExrAttributes attributes;
};

}  // namespace emu::media
