#pragma once

// The CPU side of compositing a timeline frame: float RGBA images of the output size, straight
// (not premultiplied) alpha, as the grade writes them. Thread: pure functions.

#include "emulsion/media/Image.h"

namespace emu::render {

// Opaque black, float RGBA.
media::Image blackFrame(int widthPx, int heightPx);

// `layer` over `base` in place (Porter-Duff over on straight alpha; an opaque layer replaces).
void over(media::Image& base, const media::Image& layer);

// A dissolve `mix` of the way (0..1) from `from` to `to`; an empty side is transparent black.
media::Image dissolve(const media::Image& from, const media::Image& to, float mix, int widthPx,
                      int heightPx);

// A wipe whose edge has moved `mix` of the width from the left: `to` left of it, `from` right.
media::Image wipe(const media::Image& from, const media::Image& to, float mix, int widthPx,
                  int heightPx);

// `image` (float RGBA) fitted inside widthPx x heightPx, centred, its aspect kept (bilinear
// filtering of pixel centres); the bars left over are transparent. The image itself when the
// size already matches.
media::Image resized(const media::Image& image, int widthPx, int heightPx);

}  // namespace emu::render
