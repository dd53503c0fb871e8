#pragma once

// Private to the media module: the sample layouts of DPX image data, shared by the reader and
// the writer.

#include <cstddef>
#include <cstdint>

#include "emulsion/media/DpxFrame.h"

namespace emu::media::dpx {

// One row of one image element as stored: `samplesPerRow` code values of `bits` bits.
// Rows start on a 32-bit boundary for 10- and 12-bit packed data and 10-bit filled data (a row
// ends with a partly used word). 8-bit rows are bytes, 16-bit rows and 12-bit filled rows are
// 16-bit words, with no padding of their own, as the files of OpenImageIO and FFmpeg have it;
// the element's end-of-line padding comes after each row in every case.
// Thread: value type; the functions are pure.
struct RowLayout {
    int bits = 10;
    DpxPacking packing = DpxPacking::FilledA;
    bool bigEndian = true;
    std::uint64_t samplesPerRow = 0;
    std::uint64_t endOfLinePadding = 0;  // [bytes]
    // Ten-bit filled words of a one-component element (luminance) hold their first sample in
    // the low bits, as OpenImageIO and FFmpeg read them; with several components (RGB, RGBA)
    // the first sample is in the high bits.
    bool oneComponent = false;

    // False for a bit depth or packing this layout cannot hold.
    bool supported() const;
    // [bytes] of one row, end-of-line padding included.
    std::uint64_t rowBytes() const;
    // [bytes] of the samples alone.
    std::uint64_t sampleBytes() const;
};

// Reads the code values of one row (`row` holds sampleBytes()) into `codes` (samplesPerRow).
void unpackRow(const RowLayout& layout, const std::uint8_t* row, std::uint32_t* codes);

// Writes one row from `codes` (each below 2^bits) into `row` (sampleBytes(); every bit of it is
// written, padding as zeros).
void packRow(const RowLayout& layout, const std::uint32_t* codes, std::uint8_t* row);

// Byte order helpers over raw bytes.
std::uint16_t load16(const std::uint8_t* p, bool bigEndian);
std::uint32_t load32(const std::uint8_t* p, bool bigEndian);
void store16(std::uint8_t* p, std::uint16_t value, bool bigEndian);
void store32(std::uint8_t* p, std::uint32_t value, bool bigEndian);

}  // namespace emu::media::dpx
