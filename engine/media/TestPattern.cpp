#include "emulsion/media/TestPattern.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <limits>

namespace emu::media {

namespace {

using Rgb = std::array<float, 3>;

constexpr int kPatchColumns = 6;
constexpr int kPatchRows = 4;
constexpr float kBackground = 0.05f;

// Primaries and secondaries, skin tones, neutral greys, and out-of-range colours; one row each.
constexpr Rgb kPatches[kPatchRows][kPatchColumns] = {
    {{{0.80f, 0.05f, 0.05f}},
     {{0.05f, 0.80f, 0.05f}},
     {{0.05f, 0.05f, 0.80f}},
     {{0.05f, 0.80f, 0.80f}},
     {{0.80f, 0.05f, 0.80f}},
     {{0.80f, 0.80f, 0.05f}}},
    {{{0.80f, 0.62f, 0.52f}},
     {{0.72f, 0.50f, 0.40f}},
     {{0.60f, 0.40f, 0.31f}},
     {{0.45f, 0.30f, 0.22f}},
     {{0.30f, 0.19f, 0.13f}},
     {{0.20f, 0.12f, 0.08f}}},
    {{{0.0f, 0.0f, 0.0f}},
     {{0.03f, 0.03f, 0.03f}},
     {{0.09f, 0.09f, 0.09f}},
     {{0.18f, 0.18f, 0.18f}},
     {{0.45f, 0.45f, 0.45f}},
     {{0.90f, 0.90f, 0.90f}}},
    {{{2.0f, 2.0f, 2.0f}},
     {{4.0f, 0.5f, 0.2f}},
     {{0.2f, 1.5f, 8.0f}},
     {{-0.1f, 0.5f, 0.5f}},
     {{0.3f, -0.05f, 0.7f}},
     {{-0.5f, -0.5f, -0.5f}}},
};

// SplitMix64: a tiny, well-mixed generator defined entirely by integer arithmetic, so its
// output is the same on every platform and compiler.
std::uint64_t splitMix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

void setPixel(Image& img, int x, int y, const Rgb& rgb, float alpha = 1.f) {
    img.setSample(x, y, 0, rgb[0]);
    img.setSample(x, y, 1, rgb[1]);
    img.setSample(x, y, 2, rgb[2]);
    img.setSample(x, y, 3, alpha);
}

// Fills [x0, x1) x [y0, y1), clipped to the image.
void fillRect(Image& img, int x0, int y0, int x1, int y1, const Rgb& rgb) {
    for (int y = std::max(y0, 0); y < std::min(y1, img.height()); ++y) {
        for (int x = std::max(x0, 0); x < std::min(x1, img.width()); ++x) setPixel(img, x, y, rgb);
    }
}

// Copies `src` into `dst` with its top-left corner at row `top` (same width, same type).
void blitRows(Image& dst, const Image& src, int top) {
    assert(src.width() == dst.width() && src.type() == dst.type());
    for (int y = 0; y < src.height() && top + y < dst.height(); ++y) {
        std::copy_n(src.data() + std::size_t(y) * src.rowBytes(), src.rowBytes(),
                    dst.data() + std::size_t(top + y) * dst.rowBytes());
    }
}

float rampValue(int x, int width, float lo, float hi) {
    if (width <= 1) return lo;
    return lo + (hi - lo) * (float(x) / float(width - 1));
}

}  // namespace

Image makeRamp(int widthPx, int heightPx, PixelType type, float lo, float hi) {
    Image img(widthPx, heightPx, type);
    for (int y = 0; y < heightPx; ++y) {
        for (int x = 0; x < widthPx; ++x) {
            const float v = rampValue(x, widthPx, lo, hi);
            setPixel(img, x, y, {v, v, v});
        }
    }
    return img;
}

Image makeColourPatches(int widthPx, int heightPx, PixelType type) {
    Image img(widthPx, heightPx, type);
    fillRect(img, 0, 0, widthPx, heightPx, {kBackground, kBackground, kBackground});
    const int stripHeight = heightPx / 6;
    for (int y = 0; y < stripHeight; ++y) {
        for (int x = 0; x < widthPx; ++x) {
            const float v = rampValue(x, widthPx, 0.f, 1.f);
            setPixel(img, x, y, {v, v, v});
        }
    }
    const int gridTop = stripHeight;
    const int gridHeight = heightPx - gridTop;
    // A gap of background around each patch keeps neighbouring colours from touching.
    const int gap = std::max(1, std::min(widthPx / kPatchColumns, gridHeight / kPatchRows) / 16);
    for (int row = 0; row < kPatchRows; ++row) {
        const int y0 = gridTop + row * gridHeight / kPatchRows;
        const int y1 = gridTop + (row + 1) * gridHeight / kPatchRows;
        for (int col = 0; col < kPatchColumns; ++col) {
            const int x0 = col * widthPx / kPatchColumns;
            const int x1 = (col + 1) * widthPx / kPatchColumns;
            fillRect(img, x0 + gap, y0 + gap, x1 - gap, y1 - gap, kPatches[row][col]);
        }
    }
    return img;
}

Image makeNoise(int widthPx, int heightPx, PixelType type, std::uint32_t seed, float lo, float hi) {
    Image img(widthPx, heightPx, type);
    std::uint64_t counter = std::uint64_t(seed) << 32;
    for (int y = 0; y < heightPx; ++y) {
        for (int x = 0; x < widthPx; ++x) {
            Rgb rgb;
            for (float& v : rgb) {
                // 24 random bits make a float in [0, 1) exactly.
                const float unit = float(splitMix64(counter++) >> 40) * (1.f / 16777216.f);
                v = lo + (hi - lo) * unit;
            }
            setPixel(img, x, y, rgb);
        }
    }
    return img;
}

Image makeSpecialValues(int widthPx, int heightPx, PixelType type) {
    using Limits = std::numeric_limits<float>;
    const bool half = type == PixelType::Half;
    const float largest = half ? 65504.f : Limits::max();
    // Half subnormals: 2^-24 is the smallest, 2^-14 - 2^-24 the largest.
    const float tiny = half ? 0x1p-24f : Limits::denorm_min();
    const float bigSubnormal = half ? 0x3ffp-24f : 0x1.fffffcp-127f;
    const float values[] = {Limits::quiet_NaN(),
                            Limits::infinity(),
                            -Limits::infinity(),
                            -1.f,
                            -0.f,
                            0.f,
                            largest,
                            -largest,
                            tiny,
                            bigSubnormal,
                            1.f,
                            0.5f,
                            0.18f,
                            2.f,
                            100.f,
                            -0.25f};
    constexpr std::size_t kCount = sizeof(values) / sizeof(values[0]);
    Image img(widthPx, heightPx, type);
    std::size_t i = 0;
    for (int y = 0; y < heightPx; ++y) {
        for (int x = 0; x < widthPx; ++x) {
            for (int c = 0; c < Image::kChannels; ++c) img.setSample(x, y, c, values[i++ % kCount]);
        }
    }
    return img;
}

Image makeTestChart(int widthPx, int heightPx, PixelType type) {
    Image chart(widthPx, heightPx, type);
    const int patchHeight = std::max(1, heightPx * 2 / 3);
    const int rampHeight = (heightPx - patchHeight) / 2;
    const int noiseHeight = heightPx - patchHeight - rampHeight;
    blitRows(chart, makeColourPatches(widthPx, patchHeight, type), 0);
    if (rampHeight > 0) {
        blitRows(chart, makeRamp(widthPx, rampHeight, type, 0.f, 1.f), patchHeight);
    }
    if (noiseHeight > 0) {
        blitRows(chart, makeNoise(widthPx, noiseHeight, type, 1u, 0.1f, 0.6f),
                 patchHeight + rampHeight);
    }
    return chart;
}

}  // namespace emu::media
