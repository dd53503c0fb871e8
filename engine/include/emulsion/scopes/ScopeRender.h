#pragma once

#include "emulsion/core/Result.h"
#include "emulsion/media/Image.h"
#include "emulsion/scopes/ScopeData.h"

namespace emu::scopes {

// Draws a scope as people read one: traces on a dark background, brightness growing with the
// logarithm of the count. Waveform and parade (R, G, B side by side) carry graticule lines at
// 0, 10, 50, 90 and 100 %; the vectorscope its Cb / Cr axes, the Rec. 709 75 % targets for
// R, Mg, B, Cy, G, Yl and the skin-tone line; the histogram its R, G and B curves over the same
// percentage lines. Bins are averaged into pixels, so any bin count draws at any size.
// The picture is a Float RGBA image of display code values in [0, 1], alpha 1, ready for an
// 8-bit file.
// Failure: InvalidArgument for sizes outside [32, 8192] or an empty scope.
// Thread: pure function, safe from any thread.
Result<media::Image> renderScope(const ScopeData& scope, int widthPx, int heightPx);

}  // namespace emu::scopes
