#pragma once

#include <cstdint>

#include "emulsion/media/Image.h"

namespace emu::media {

// Deterministic synthetic images for tests and demos: the same arguments give the same bits on
// every platform (no std:: random engines or distributions, no libm calls whose last bit may
// vary). All take positive sizes. Alpha is 1 unless stated.
// Thread: pure functions, safe from any thread.

// A horizontal grey ramp from `lo` at the left column to `hi` at the right one.
Image makeRamp(int widthPx, int heightPx, PixelType type, float lo, float hi);

// A chart: a grey ramp strip along the top, then a grid of patches: primaries and secondaries,
// skin tones, neutral greys, and a row of out-of-range colours (above 1 and negative).
Image makeColourPatches(int widthPx, int heightPx, PixelType type);

// Uniform noise in [lo, hi) on R, G and B, independent per sample, from `seed`.
Image makeNoise(int widthPx, int heightPx, PixelType type, std::uint32_t seed, float lo, float hi);

// Samples cycling through NaN, +Inf, -Inf, negatives, -0, large values (the largest finite
// half for half images), subnormals of the image's type, and ordinary values, alpha included.
// Every value is present once the image has at least 16 samples (4 pixels).
Image makeSpecialValues(int widthPx, int heightPx, PixelType type);

// The demo chart: colour patches over the top two thirds, a 0..1 ramp band and a noise band
// below. Finite everywhere (no special values), so a grade of it stays displayable.
Image makeTestChart(int widthPx, int heightPx, PixelType type);

}  // namespace emu::media
