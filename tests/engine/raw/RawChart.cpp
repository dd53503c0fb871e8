#include "RawChart.h"

#include <cmath>
#include <numbers>

namespace emu::test {

namespace {

constexpr int kPatch = 24;  // [px] a patch's side
constexpr int kInset = 6;   // [px] measured interior starts this far in

struct Srgb8 {
    const char* name;
    int r, g, b;
};

// The ColorChecker's published sRGB values (X-Rite), row by row.
const Srgb8 kChecker[24] = {
    {"dark skin", 115, 82, 68},   {"light skin", 194, 150, 130},  {"blue sky", 98, 122, 157},
    {"foliage", 87, 108, 67},     {"blue flower", 133, 128, 177}, {"bluish green", 103, 189, 170},
    {"orange", 214, 126, 44},     {"purplish blue", 80, 91, 166}, {"moderate red", 193, 90, 99},
    {"purple", 94, 60, 108},      {"yellow green", 157, 188, 64}, {"orange yellow", 224, 163, 46},
    {"blue", 56, 61, 150},        {"green", 70, 148, 73},         {"red", 175, 54, 60},
    {"yellow", 231, 199, 31},     {"magenta", 187, 86, 149},      {"cyan", 8, 133, 161},
    {"white", 243, 243, 242},     {"neutral 8", 200, 200, 200},   {"neutral 6.5", 160, 160, 160},
    {"neutral 5", 122, 122, 121}, {"neutral 3.5", 85, 85, 85},    {"black", 52, 52, 52},
};

double srgbToLinear(int v8) {
    const double v = v8 / 255.0;
    return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}

media::Vec3 rec709ToAces(const media::Vec3& rgb) {
    const media::Mat3 m = *media::dngCameraToAces(*media::inverse(media::rec709ToXyz()), {1, 1, 1});
    return media::multiply(m, rgb);
}

media::Vec3 checkerAces(const Srgb8& c) {
    return rec709ToAces({srgbToLinear(c.r), srgbToLinear(c.g), srgbToLinear(c.b)});
}

void set(media::Image& img, int x, int y, const media::Vec3& c) {
    for (int i = 0; i < 3; ++i) img.setSample(x, y, i, float(c[i]));
    img.setSample(x, y, 3, 1.0f);
}

// A zone plate whose frequency rises to 0.3 cycles/px at its corners.
media::Vec3 zonePlate(int x, int y, int x0, int y0, int w, int h) {
    const double cx = x - (x0 + w / 2.0) + 0.5, cy = y - (y0 + h / 2.0) + 0.5;
    const double rMax2 = (w * w + h * h) / 4.0;
    const double k = std::numbers::pi * 0.3 / std::sqrt(rMax2);
    const double v = 0.3 + 0.25 * std::cos(k * (cx * cx + cy * cy));
    return rec709ToAces({v, v, v});
}

// Wedges around a centre alternating between two colours (a Siemens star), and a slanted
// colour edge beside it.
media::Vec3 edges(int x, int y) {
    if (x < 64) {
        const double a = std::atan2(y - 127.5, x - 31.5);
        const bool on = int(std::floor(a / (std::numbers::pi / 8))) % 2 == 0;
        return rec709ToAces(on ? media::Vec3{0.75, 0.75, 0.75} : media::Vec3{0.04, 0.04, 0.04});
    }
    const bool left = (x - 64) < 0.6 * (y - 96) + 20;
    return rec709ToAces(left ? media::Vec3{0.6, 0.08, 0.06} : media::Vec3{0.05, 0.4, 0.55});
}

media::Vec3 gradient(int x, int y) {
    const double t = (x - 128) / 127.0;
    switch ((y - 96) / 16) {
        case 0:
            return rec709ToAces({0.02 + 0.7 * t, 0.05, 0.05});
        case 1:
            return rec709ToAces({0.05, 0.02 + 0.7 * t, 0.05});
        case 2:
            return rec709ToAces({0.05, 0.05, 0.02 + 0.7 * t});
        default:
            return rec709ToAces({0.01 + 0.8 * t, 0.01 + 0.8 * t, 0.01 + 0.8 * t});
    }
}

}  // namespace

media::Image rawTestChart() {
    media::Image img(kChartWidth, kChartHeight, media::PixelType::Float);
    for (int y = 0; y < kChartHeight; ++y) {
        for (int x = 0; x < kChartWidth; ++x) {
            media::Vec3 c;
            if (y < 4 * kPatch && x < 6 * kPatch) {
                c = checkerAces(kChecker[(y / kPatch) * 6 + x / kPatch]);
            } else if (y < 4 * kPatch) {
                c = zonePlate(x, y, 6 * kPatch, 0, kChartWidth - 6 * kPatch, 4 * kPatch);
            } else if (x < 128) {
                c = edges(x, y);
            } else {
                c = gradient(x, y);
            }
            set(img, x, y, c);
        }
    }
    return img;
}

std::vector<ChartPatch> rawChartPatches() {
    std::vector<ChartPatch> out;
    for (int i = 0; i < 24; ++i) {
        const int x = (i % 6) * kPatch, y = (i / 6) * kPatch;
        out.push_back({kChecker[i].name, x + kInset, y + kInset, x + kPatch - kInset,
                       y + kPatch - kInset, checkerAces(kChecker[i])});
    }
    return out;
}

}  // namespace emu::test
