#pragma once

#include <array>
#include <cstdint>

#include "emulsion/panels/Recording.h"

namespace emu::panels::test {

// A generated trackball session: three balls each reporting every millisecond (1 kHz) with
// smooth pseudo-random integer counts, and the three rings every 4 ms, as Emulsion surface
// reports. It also returns the sums the reports carry, for checking the result.
struct TrackballSession {
    Recording recording;
    std::array<std::int64_t, 3> sumX{};  // per ball
    std::array<std::int64_t, 3> sumY{};
    std::array<std::int64_t, 3> sumRing{};
};

TrackballSession makeTrackballSession(double seconds, std::uint32_t seed);

// The mapping the session is checked with: balls 1..3 -> lgg lift/gamma/gain chroma, rings
// -> their masters, power-of-two gains so every sum is exact in float.
inline constexpr double kBallGain = 1.0 / 4096;
inline constexpr double kRingGain = 1.0 / 2048;
const char* trackballMapping();

}  // namespace emu::panels::test
