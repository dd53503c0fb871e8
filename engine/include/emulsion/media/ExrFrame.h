#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "emulsion/media/Image.h"
#include "emulsion/media/SmpteTimecode.h"

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

// The EXR name of the time code type, kept for the code written before DPX shared it.
using ExrTimecode = SmpteTimecode;

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
    // Integer attributes to write (e.g. ST 2065-4's "acesImageContainerFlag"). Written over the
    // passthrough; readExr leaves it empty and keeps such attributes in the passthrough.
    std::map<std::string, int> ints;
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
