#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "emulsion/media/Image.h"
#include "emulsion/media/SmpteTimecode.h"

namespace emu::media {

// How samples sit in 32-bit words (SMPTE 268M image element "packing"). It only changes the
// layout of 10- and 12-bit data; 8- and 16-bit samples are bytes and 16-bit words either way.
enum class DpxPacking : std::uint16_t {
    Packed = 0,   // samples run on across 32-bit words, from the least significant bit
    FilledA = 1,  // 10-bit: three per word, padding in the 2 low bits; 12-bit: one per 16 bits,
                  // padding in the 4 low bits. The common one.
    FilledB = 2,  // as FilledA with the padding in the high bits
};

// What the channels of an image element are (268M "descriptor"); the ones read are Luminance,
// Rgb and Rgba, the others are named in errors.
enum class DpxDescriptor : std::uint8_t {
    UserDefined = 0,
    Red = 1,
    Green = 2,
    Blue = 3,
    Alpha = 4,
    Luminance = 6,
    Chrominance = 7,
    Depth = 8,
    Composite = 9,
    Rgb = 50,
    Rgba = 51,
    Abgr = 52,
    CbYCrY = 100,
    CbYACrYA = 101,
    CbYCr = 102,
    CbYCrA = 103,
};

// Transfer characteristic and colorimetric specification share one table in 268M. A value the
// table does not name is kept as its number.
enum class DpxCharacteristic : std::uint8_t {
    UserDefined = 0,
    PrintingDensity = 1,
    Linear = 2,
    Logarithmic = 3,
    UnspecifiedVideo = 4,
    Smpte274M = 5,
    ItuR709 = 6,
    ItuR601BG = 7,
    ItuR601M = 8,
    NtscComposite = 9,
    PalComposite = 10,
    ZLinear = 11,
    ZHomogeneous = 12,
    Undefined = 255,
};

// Names as 268M (and OpenImageIO's dpx:Transfer / dpx:Colorimetric) spell them: "User defined",
// "Printing density", "Linear", "Logarithmic", "Unspecified video", "SMPTE 274M", "ITU-R 709-4",
// "ITU-R 601-5 system B or G", "ITU-R 601-5 system M", "NTSC composite video", "PAL composite
// video", "Z depth linear", "Z depth homogeneous", "Undefined"; "unknown (N)" otherwise.
std::string toString(DpxCharacteristic value);
// The inverse (case-insensitive); nullopt for a name not in the table.
std::optional<DpxCharacteristic> parseDpxCharacteristic(const std::string& name);
// "Luminance", "RGB", "RGBA", "CbYCrY 4:2:2", ...; "unknown (N)" otherwise.
std::string toString(DpxDescriptor value);
// "packed", "filled method A", "filled method B".
std::string toString(DpxPacking value);

// The film edge code (key code) of the film industry header, each part as its ASCII digits.
struct DpxEdgeCode {
    std::string manufacturer;  // 2 digits
    std::string filmType;      // 2 digits
    std::string perfOffset;    // 2 digits, perforations from the zero frame
    std::string prefix;        // 6 digits
    std::string count;         // 4 digits
    // "KK TT PPPPPP CCCC": manufacturer, film type, prefix, count.
    std::string text() const;
    bool operator==(const DpxEdgeCode&) const = default;
};

// The header of a DPX file as the engine uses it. readDpx fills it from the file; writeDpx
// writes the fields it can (see DpxWriter.h). Absent optionals are "undefined" in the file.
// Thread: value type.
struct DpxHeader {
    bool bigEndian = true;  // magic "SDPX"; false for "XPDS"
    std::string version = "V2.0";
    int widthPx = 0;
    int heightPx = 0;
    int bitDepth = 10;  // 8, 10, 12 or 16
    DpxPacking packing = DpxPacking::FilledA;
    DpxDescriptor descriptor = DpxDescriptor::Rgb;
    DpxCharacteristic transfer = DpxCharacteristic::UserDefined;
    DpxCharacteristic colorimetric = DpxCharacteristic::UserDefined;
    int orientation = 0;    // 0 = left to right, top to bottom; pixels are never reordered
    int imageElements = 1;  // as the file says; only the first is read
    std::uint32_t dataOffset = 8192;  // [bytes] of the first element's pixels; read only

    // Reference black and white of the element: code values and what they stand for.
    std::optional<std::uint32_t> referenceLowCode;
    std::optional<float> referenceLowQuantity;
    std::optional<std::uint32_t> referenceHighCode;
    std::optional<float> referenceHighQuantity;

    // File information header.
    std::string fileName;
    std::string creationTime;  // "YYYY:MM:DD:hh:mm:ssLTZ"; the writer fills in now if empty
    std::string creator;
    std::string project;
    std::string copyright;

    // Orientation header.
    std::string inputDevice;  // the reel (or camera) the frame came from
    std::string inputDeviceSerial;
    std::optional<std::uint32_t> pixelAspectH;  // horizontal : vertical
    std::optional<std::uint32_t> pixelAspectV;

    // Film industry header.
    std::optional<DpxEdgeCode> edgeCode;
    std::string filmFormat;              // e.g. "Academy"
    std::optional<float> filmFrameRate;  // [frames/s]
    std::string frameId;
    std::string slateInfo;

    // Television industry header.
    std::optional<SmpteTimecode> timecode;  // user bits in timecode->userData
    std::optional<float> tvFrameRate;       // [frames/s], the temporal sampling rate
    std::optional<float> gamma;
    std::optional<float> blackLevel;  // [code value]
    std::optional<float> whiteLevel;  // [code value]

    // Horizontal over vertical, 1 when undefined.
    double pixelAspectRatio() const;
    // The largest code value of the bit depth, 2^bitDepth - 1.
    std::uint32_t maxCode() const { return (std::uint32_t(1) << bitDepth) - 1; }
};

// One DPX frame: the pixels of its first image element and its header. The image is float RGBA,
// each sample code value / maxCode() (exactly what the file holds, no transfer applied), alpha 1
// when the element has none, R = G = B for luminance.
// Thread: value type.
struct DpxFrame {
    Image image;
    DpxHeader header;
    std::vector<std::string> warnings;  // what readDpx skipped (further image elements, ...)
};

}  // namespace emu::media
