#pragma once

#include <cstdint>
#include <string>

#include "emulsion/media/DpxFrame.h"

namespace emu::test {
using media::DpxDescriptor;
using media::DpxPacking;
using media::Image;

// An image of code values for `bits`: each sample is code / (2^bits - 1) with the code from a
// hash of its position and `seed`; the first pixel holds 0 and the second the largest code, so
// both ends are always present. Luminance (channels 1) repeats the code in R, G and B; alpha is
// 1 unless channels is 4. Deterministic on every platform.
Image makeCodeImage(int widthPx, int heightPx, int bits, int channels, std::uint32_t seed);

// The descriptor with that many channels (1, 3, 4).
DpxDescriptor descriptorFor(int channels);

// "10-bit filled method A RGB big-endian", for test names and messages.
std::string describe(int bits, DpxPacking packing, int channels, bool bigEndian);

}  // namespace emu::test
