#pragma once

#include "emulsion/media/Image.h"

namespace emu::media {

// One frame of a synthetic scene, scene-referred in linear ACES2065-1 (AP0), float RGBA with
// alpha 1, for the generated camera originals: a sky-to-ground gradient, a 6 x 4 chart of
// reflectances (greys, primaries and secondaries, and four skin tones from dark to light) lit
// so that its 18% grey sits at 0.18, an eleven-step grey scale from -5 to +5 stops around 0.18
// along the bottom, and a specular ball (4.0, several stops over diffuse white) crossing the
// frame from left to right over `frameCount` frames, so a sequence shows motion.
// Deterministic: arithmetic only (no libm calls whose last bit may vary), the same on every
// platform. Sizes must be positive; `frame` in [0, frameCount).
// Thread: pure function.
Image makeSceneFrame(int widthPx, int heightPx, int frame, int frameCount);

// The chart's reflectances in AP0, row major (6 across, 4 down); rows 3 and 4 hold the skin
// tones and the greys. For tests that check where patches land.
struct ScenePatch {
    float r, g, b;
};
const ScenePatch* scenePatches();  // 24 entries
inline constexpr int kScenePatchColumns = 6;
inline constexpr int kScenePatchRows = 4;

// The pixel rectangle of patch (column, row) in a frame of the given size: its interior, away
// from the patch's edges. x0, y0 inclusive; x1, y1 exclusive.
struct PatchRect {
    int x0, y0, x1, y1;
};
PatchRect scenePatchInterior(int widthPx, int heightPx, int column, int row);

}  // namespace emu::media
