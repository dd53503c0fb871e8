#pragma once

// A known scene for the camera RAW tests, in linear ACES2065-1: 24 colour-checker patches
// (skin tones among them), a zone plate, sharp edges and diagonals, and colour gradients.

#include <vector>

#include "emulsion/media/CameraColour.h"
#include "emulsion/media/Image.h"

namespace emu::test {

struct ChartPatch {
    const char* name;
    int x0, y0, x1, y1;  // interior rectangle to measure, [x0, x1) x [y0, y1)
    media::Vec3 aces;
};

constexpr int kChartWidth = 256;
constexpr int kChartHeight = 160;

media::Image rawTestChart();
// The patches' interiors (4 px in from every edge of the patch) and their exact colours.
std::vector<ChartPatch> rawChartPatches();

}  // namespace emu::test
