#pragma once

#include <array>
#include <vector>

#include "emulsion/core/Status.h"
#include "emulsion/media/Image.h"

namespace emu::text {

// A rectangle of pixels behind text; x0, y0 inclusive, x1, y1 exclusive.
struct OverlayBox {
    int x0 = 0;
    int y0 = 0;
    int x1 = 0;
    int y1 = 0;
    bool operator==(const OverlayBox&) const = default;
};

// What is drawn over one frame: translucent boxes, then text through a coverage mask (one float
// in [0, 1] per pixel, from the rasteriser's grey-scale anti-aliasing). Colours are
// display-referred, like the review frames they are drawn on.
// Thread: value type.
struct TextOverlay {
    // At most this many boxes: the GPU kernel takes them as push constants.
    static constexpr int kMaxBoxes = 4;

    TextOverlay() = default;
    TextOverlay(int widthPx, int heightPx)
        : width(widthPx), height(heightPx), coverage(std::size_t(widthPx) * heightPx, 0.0f) {}

    int width = 0;
    int height = 0;
    std::vector<float> coverage;  // rows top to bottom
    std::vector<OverlayBox> boxes;
    std::array<float, 3> textColour{1.0f, 1.0f, 1.0f};
    float textOpacity = 1.0f;
    std::array<float, 3> boxColour{0.0f, 0.0f, 0.0f};
    float boxOpacity = 0.5f;
    // Rectangles holding every non-zero coverage value, one per line drawn. Font::draw keeps
    // them; code writing `coverage` directly must add its own with markInk().
    std::vector<OverlayBox> ink;

    float& at(int x, int y) { return coverage[std::size_t(y) * width + x]; }
    float at(int x, int y) const { return coverage[std::size_t(y) * width + x]; }
    // Clears the mask and the boxes, keeping the size and colours.
    void clear();
    // Adds a box clipped to the frame. InvalidArgument past kMaxBoxes.
    Status addBox(OverlayBox box);
    // Adds the rectangle (clipped to the frame) to `ink`.
    void markInk(OverlayBox box);
    // Disjoint rectangles (bands of rows) that hold every box and all ink: the only pixels the
    // composite changes, so both paths visit these alone.
    std::vector<OverlayBox> regions() const;
};

// The CPU reference of the composite, per pixel and RGB channel (alpha untouched):
//   b = boxOpacity inside any box, else 0;   c = c + (boxColour - c) * b
//   t = coverage * textOpacity;              c = c + (textColour - c) * t
// The GPU kernel (shaders/kernels/text_composite.comp) computes the same. InvalidArgument when
// the sizes differ. Thread: any, on distinct images.
Status compositeCpu(media::Image& frame, const TextOverlay& overlay);

}  // namespace emu::text
