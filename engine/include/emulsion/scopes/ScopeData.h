#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "emulsion/core/Result.h"

namespace emu::scopes {

// The scopes a colourist reads a frame with.
//   Waveform:    Rec. 709 luma per image column.
//   Parade:      the same for R, G and B side by side (three planes).
//   Vectorscope: a 2D histogram of Rec. 709 (Cb, Cr).
//   Histogram:   per-channel counts of R, G and B (three planes).
enum class ScopeType { Waveform, Parade, Vectorscope, Histogram };

// Stable lowercase ids ("waveform", "parade", "vectorscope", "histogram"), as the CLI spells them.
const char* toString(ScopeType type);
std::optional<ScopeType> parseScopeType(std::string_view id);

// How finely a scope bins. Values are binned over [0, 1] (waveforms, histogram) or
// [-0.5, 0.5] (Cb and Cr); values outside land in the end bins and are also counted as below
// or above; NaN is counted apart and not binned.
struct ScopeSettings {
    ScopeType type = ScopeType::Waveform;
    int columns = 512;     // waveform / parade: bins across the image width (fewer if narrower)
    int levels = 256;      // waveform / parade / histogram: value bins over [0, 1]
    int chromaBins = 256;  // vectorscope: bins along Cb and along Cr

    bool operator==(const ScopeSettings&) const = default;
};

// Per plane: the samples that were not binned (NaN) and those clamped into an end bin.
struct PlaneStats {
    std::uint32_t nan = 0;
    std::uint32_t below = 0;  // under 0 (vectorscope: always 0)
    std::uint32_t above = 0;  // over 1 (vectorscope: Cb or Cr outside [-0.5, 0.5])

    bool operator==(const PlaneStats&) const = default;
};

// A computed scope as plain data, for drawing. counts holds planes x height x width bins,
// index (plane * height + y) * width + x, where y = 0 is the lowest value (waveform: 0,
// vectorscope: Cr = -0.5) and x = 0 the left column (vectorscope: Cb = -0.5).
//   Waveform:    width = columns, height = levels,     planes = 1 (luma)
//   Parade:      width = columns, height = levels,     planes = 3 (R, G, B)
//                (columns reduced to the image width when it is narrower)
//   Vectorscope: width = height = chromaBins,          planes = 1
//   Histogram:   width = levels,  height = 1,          planes = 3 (R, G, B)
// Every pixel is either binned once per plane or counted as NaN, so for each plane the sum of
// its counts plus its nan equals the pixel count.
// Thread: value type.
struct ScopeData {
    ScopeType type = ScopeType::Waveform;
    int width = 0;
    int height = 0;
    int planes = 0;
    std::uint64_t pixels = 0;  // pixels of the frame the scope was taken of
    std::vector<std::uint32_t> counts;
    std::vector<PlaneStats> stats;  // one per plane

    std::uint32_t at(int plane, int x, int y) const {
        return counts[(std::size_t(plane) * height + y) * width + x];
    }
    std::uint64_t total(int plane) const;  // sum of one plane's counts

    bool operator==(const ScopeData&) const = default;
};

// The shape of the scope `settings` asks for over an image widthPx wide: width, height and
// planes set, counts zeroed. Fails with InvalidArgument for an empty image, bins < 1, more
// than 4096 bins on a side or a width x columns product over 2^31 (the GPU bins columns in
// 32-bit integers).
Result<ScopeData> makeEmptyScope(const ScopeSettings& settings, int widthPx, int heightPx);

}  // namespace emu::scopes
