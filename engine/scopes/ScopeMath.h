#pragma once

// The binning arithmetic of shaders/include/scopes.glsl, step for step, for the CPU reference;
// and the constants both use. This file must be compiled without floating-point contraction
// (engine/scopes/CMakeLists.txt turns it off) or a multiply-add could be fused and a value
// near a bin edge land one bin over.

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>

namespace emu::scopes::math {

// Rec. 709: Y' = 0.2126 R' + 0.7152 G' + 0.0722 B'; Cb = (B' - Y') / 1.8556,
// Cr = (R' - Y') / 1.5748, expanded to weights on R', G', B'.
constexpr double kKr = 0.2126;
constexpr double kKb = 0.0722;
constexpr double kKg = 1.0 - kKr - kKb;
constexpr std::array<float, 3> kLuma{float(kKr), float(kKg), float(kKb)};
constexpr std::array<float, 3> kCb{float(-kKr / (2.0 * (1.0 - kKb))),
                                   float(-kKg / (2.0 * (1.0 - kKb))), 0.5f};
constexpr std::array<float, 3> kCr{0.5f, float(-kKg / (2.0 * (1.0 - kKr))),
                                   float(-kKb / (2.0 * (1.0 - kKr)))};

// Words of per-plane stats (nan, below, above for up to three planes) ahead of the bins.
constexpr std::uint32_t kStatsWords = 12;

inline float flush(float v) {
    return (std::bit_cast<std::uint32_t>(v) & 0x7f800000u) == 0u ? 0.0f : v;
}

inline bool isNan(float v) {
    return (std::bit_cast<std::uint32_t>(v) & 0x7fffffffu) > 0x7f800000u;
}

inline float weigh(float r, float g, float b, const std::array<float, 3>& w) {
    const float x = flush(w[0] * r);
    const float y = flush(w[1] * g);
    const float xy = flush(x + y);
    const float z = flush(w[2] * b);
    return flush(xy + z);
}

inline int bin(float v, int n) {
    const float s = std::floor(v * float(n));
    return int(std::min(std::max(s, 0.0f), float(n - 1)));
}

// The column bin of pixel column x of an image widthPx wide: integer, as on the GPU.
inline int column(int x, int columns, int widthPx) {
    return int((std::uint32_t(x) * std::uint32_t(columns)) / std::uint32_t(widthPx));
}

}  // namespace emu::scopes::math
