#include "emulsion/text/TextOverlay.h"

#include <algorithm>
#include <string>

namespace emu::text {

void TextOverlay::clear() {
    for (const OverlayBox& r : ink)
        for (int y = r.y0; y < r.y1; ++y)
            std::fill_n(coverage.begin() + std::ptrdiff_t(std::size_t(y) * width + r.x0),
                        r.x1 - r.x0, 0.0f);
    ink.clear();
    boxes.clear();
}

void TextOverlay::markInk(OverlayBox box) {
    box.x0 = std::clamp(box.x0, 0, width);
    box.x1 = std::clamp(box.x1, 0, width);
    box.y0 = std::clamp(box.y0, 0, height);
    box.y1 = std::clamp(box.y1, 0, height);
    if (box.x0 < box.x1 && box.y0 < box.y1) ink.push_back(box);
}

std::vector<OverlayBox> TextOverlay::regions() const {
    std::vector<OverlayBox> rects = boxes;
    rects.insert(rects.end(), ink.begin(), ink.end());
    std::sort(rects.begin(), rects.end(),
              [](const OverlayBox& a, const OverlayBox& b) { return a.y0 < b.y0; });
    std::vector<OverlayBox> bands;
    for (const OverlayBox& r : rects) {
        if (!bands.empty() && r.y0 < bands.back().y1) {
            OverlayBox& b = bands.back();
            b = {std::min(b.x0, r.x0), b.y0, std::max(b.x1, r.x1), std::max(b.y1, r.y1)};
        } else {
            bands.push_back(r);
        }
    }
    return bands;
}

Status TextOverlay::addBox(OverlayBox box) {
    if (int(boxes.size()) >= kMaxBoxes) {
        return makeError(ErrorCode::InvalidArgument,
                         "text overlay: more than " + std::to_string(kMaxBoxes) + " boxes");
    }
    box.x0 = std::clamp(box.x0, 0, width);
    box.x1 = std::clamp(box.x1, 0, width);
    box.y0 = std::clamp(box.y0, 0, height);
    box.y1 = std::clamp(box.y1, 0, height);
    if (box.x0 < box.x1 && box.y0 < box.y1) boxes.push_back(box);
    return Status::ok();
}

namespace {

float boxWeight(const TextOverlay& o, int x, int y) {
    for (const OverlayBox& b : o.boxes)
        if (x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1) return o.boxOpacity;
    return 0.0f;
}

void compositeRow(const TextOverlay& o, int y, int x0, int x1, float* px) {
    px += std::size_t(x0) * 4;
    for (int x = x0; x < x1; ++x, px += 4) {
        const float b = boxWeight(o, x, y);
        const float t = o.at(x, y) * o.textOpacity;
        if (b == 0.0f && t == 0.0f) continue;
        for (int c = 0; c < 3; ++c) {
            float v = px[c];
            v = v + (o.boxColour[c] - v) * b;
            v = v + (o.textColour[c] - v) * t;
            px[c] = v;
        }
    }
}

}  // namespace

Status compositeCpu(media::Image& frame, const TextOverlay& overlay) {
    if (frame.width() != overlay.width || frame.height() != overlay.height) {
        return makeError(ErrorCode::InvalidArgument, "text overlay: frame of another size");
    }
    if (frame.type() == media::PixelType::Float) {
        float* base = reinterpret_cast<float*>(frame.data());
        for (const OverlayBox& r : overlay.regions())
            for (int y = r.y0; y < r.y1; ++y)
                compositeRow(overlay, y, r.x0, r.x1, base + std::size_t(y) * overlay.width * 4);
        return Status::ok();
    }
    media::Image floats = frame.converted(media::PixelType::Float);
    EMU_RETURN_IF_ERROR(compositeCpu(floats, overlay));
    frame = floats.converted(media::PixelType::Half);
    return Status::ok();
}

}  // namespace emu::text
