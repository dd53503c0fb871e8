#include "Compositing.h"

#include <algorithm>
#include <cmath>

namespace emu::render {

namespace {

float* pixels(media::Image& image) {
    return reinterpret_cast<float*>(image.data());
}
const float* pixels(const media::Image& image) {
    return reinterpret_cast<const float*>(image.data());
}

}  // namespace

media::Image blackFrame(int widthPx, int heightPx) {
    media::Image image(widthPx, heightPx, media::PixelType::Float);
    float* p = pixels(image);
    for (std::size_t i = 0; i < image.pixelCount(); ++i) p[i * 4 + 3] = 1.0f;
    return image;
}

void over(media::Image& base, const media::Image& layer) {
    float* b = pixels(base);
    const float* l = pixels(layer);
    for (std::size_t i = 0; i < base.pixelCount(); ++i) {
        const float a = l[i * 4 + 3];
        if (a >= 1.0f) {  // the common case, exact: the layer's values unchanged
            std::copy(l + i * 4, l + i * 4 + 4, b + i * 4);
            continue;
        }
        const float keep = 1.0f - std::max(a, 0.0f);
        for (int c = 0; c < 3; ++c) b[i * 4 + c] = l[i * 4 + c] * a + b[i * 4 + c] * keep;
        b[i * 4 + 3] = a + b[i * 4 + 3] * keep;
    }
}

media::Image dissolve(const media::Image& from, const media::Image& to, float mix, int widthPx,
                      int heightPx) {
    media::Image out(widthPx, heightPx, media::PixelType::Float);
    float* o = pixels(out);
    const float* a = from.empty() ? nullptr : pixels(from);
    const float* b = to.empty() ? nullptr : pixels(to);
    for (std::size_t i = 0; i < out.pixelCount() * 4; ++i) {
        o[i] = (a ? a[i] * (1.0f - mix) : 0.0f) + (b ? b[i] * mix : 0.0f);
    }
    return out;
}

media::Image wipe(const media::Image& from, const media::Image& to, float mix, int widthPx,
                  int heightPx) {
    media::Image out(widthPx, heightPx, media::PixelType::Float);
    const int edge = int(std::lround(mix * widthPx));
    float* o = pixels(out);
    for (int y = 0; y < heightPx; ++y) {
        for (int x = 0; x < widthPx; ++x) {
            const media::Image& side = x < edge ? to : from;
            if (side.empty()) continue;
            const std::size_t i = (std::size_t(y) * widthPx + x) * 4;
            std::copy(pixels(side) + i, pixels(side) + i + 4, o + i);
        }
    }
    return out;
}

media::Image resized(const media::Image& image, int widthPx, int heightPx) {
    if (image.width() == widthPx && image.height() == heightPx) return image;
    // Fit inside, centred, keeping the picture's aspect; the bars are transparent.
    const double scale =
        std::min(double(widthPx) / image.width(), double(heightPx) / image.height());
    const int fitW = std::max(1, int(std::lround(image.width() * scale)));
    const int fitH = std::max(1, int(std::lround(image.height() * scale)));
    const int left = (widthPx - fitW) / 2;
    const int top = (heightPx - fitH) / 2;
    media::Image out(widthPx, heightPx, media::PixelType::Float);
    const float* in = pixels(image);
    float* o = pixels(out);
    const float sx = float(image.width()) / fitW;
    const float sy = float(image.height()) / fitH;
    for (int y = 0; y < fitH; ++y) {
        const float fy = std::clamp((y + 0.5f) * sy - 0.5f, 0.0f, float(image.height() - 1));
        const int y0 = int(fy);
        const int y1 = std::min(y0 + 1, image.height() - 1);
        const float wy = fy - y0;
        for (int x = 0; x < fitW; ++x) {
            const float fx = std::clamp((x + 0.5f) * sx - 0.5f, 0.0f, float(image.width() - 1));
            const int x0 = int(fx);
            const int x1 = std::min(x0 + 1, image.width() - 1);
            const float wx = fx - x0;
            float* dst = o + (std::size_t(y + top) * widthPx + x + left) * 4;
            for (int c = 0; c < 4; ++c) {
                auto at = [&](int px, int py) {
                    return in[(std::size_t(py) * image.width() + px) * 4 + c];
                };
                const float upper = at(x0, y0) * (1 - wx) + at(x1, y0) * wx;
                const float lower = at(x0, y1) * (1 - wx) + at(x1, y1) * wx;
                dst[c] = upper * (1 - wy) + lower * wy;
            }
        }
    }
    return out;
}

}  // namespace emu::render
