#include "emulsion/scopes/ScopeRender.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <string>

#include "ScopeMath.h"

namespace emu::scopes {

namespace {

using Rgb = std::array<float, 3>;

constexpr Rgb kBackground{0.06f, 0.06f, 0.065f};
constexpr Rgb kGraticule{0.75f, 0.55f, 0.2f};
constexpr float kFaint = 0.3f;    // graticule opacity of the minor lines
constexpr float kStrong = 0.55f;  // and of the 0 % and 100 % lines

struct Rect {
    int x = 0;
    int y = 0;
    int w = 0;
    int h = 0;
};

// Drawing onto a Float image; values are clamped to [0, 1] only when finished.
class Canvas {
public:
    Canvas(int w, int h) : m_image(w, h, media::PixelType::Float) {
        for (int y = 0; y < h; ++y) {
            for (int x = 0; x < w; ++x) set(x, y, kBackground);
        }
    }

    void blend(int x, int y, const Rgb& c, float alpha) {
        if (!inside(x, y)) return;
        float* p = pixel(x, y);
        for (int i = 0; i < 3; ++i) p[i] += (c[std::size_t(i)] - p[i]) * alpha;
    }
    void add(int x, int y, const Rgb& c, float amount) {
        if (!inside(x, y)) return;
        float* p = pixel(x, y);
        for (int i = 0; i < 3; ++i) p[i] += c[std::size_t(i)] * amount;
    }
    // A straight line from (x0, y0) to (x1, y1), every `dash` pixels on and off (0: solid).
    void line(int x0, int y0, int x1, int y1, const Rgb& c, float alpha, int dash = 0) {
        const int steps = std::max(std::abs(x1 - x0), std::abs(y1 - y0));
        for (int i = 0; i <= steps; ++i) {
            if (dash > 0 && (i / dash) % 2 == 1) continue;
            const float t = steps ? float(i) / float(steps) : 0.0f;
            blend(int(std::lround(x0 + (x1 - x0) * t)), int(std::lround(y0 + (y1 - y0) * t)), c,
                  alpha);
        }
    }
    void box(int x0, int y0, int x1, int y1, const Rgb& c, float alpha) {
        line(x0, y0, x1, y0, c, alpha);
        line(x1, y0, x1, y1, c, alpha);
        line(x1, y1, x0, y1, c, alpha);
        line(x0, y1, x0, y0, c, alpha);
    }
    media::Image finish() {
        auto* p = reinterpret_cast<float*>(m_image.data());
        for (std::size_t i = 0; i < m_image.pixelCount() * 4; ++i) {
            p[i] = (i % 4 == 3) ? 1.0f : std::clamp(p[i], 0.0f, 1.0f);
        }
        return std::move(m_image);
    }

private:
    bool inside(int x, int y) const {
        return x >= 0 && y >= 0 && x < m_image.width() && y < m_image.height();
    }
    float* pixel(int x, int y) {
        return reinterpret_cast<float*>(m_image.data()) +
               (std::size_t(y) * std::size_t(m_image.width()) + std::size_t(x)) * 4;
    }
    void set(int x, int y, const Rgb& c) {
        float* p = pixel(x, y);
        for (int i = 0; i < 3; ++i) p[i] = c[std::size_t(i)];
    }

    media::Image m_image;
};

// The bins [first, last) that output cell i of `out` covers among `n`: at least one.
std::pair<int, int> binSpan(int i, int out, int n) {
    const int first = int(std::int64_t(i) * n / out);
    const int last = int(std::int64_t(i + 1) * n / out);
    return {first, std::max(first + 1, last)};
}

// One plane averaged into outW x outH cells (an average, not a sum, so that cells covering one
// bin more than their neighbours do not stand out); row 0 of the result is the top.
std::vector<double> resample(const ScopeData& s, int plane, int outW, int outH) {
    std::vector<double> columns(std::size_t(outW) * s.height, 0.0);
    for (int y = 0; y < s.height; ++y) {
        for (int ox = 0; ox < outW; ++ox) {
            auto [b0, b1] = binSpan(ox, outW, s.width);
            double sum = 0;
            for (int b = b0; b < b1; ++b) sum += s.at(plane, b, y);
            columns[std::size_t(y) * outW + ox] = sum / (b1 - b0);
        }
    }
    std::vector<double> cells(std::size_t(outW) * outH, 0.0);
    for (int oy = 0; oy < outH; ++oy) {
        auto [b0, b1] = binSpan(outH - 1 - oy, outH, s.height);
        for (int ox = 0; ox < outW; ++ox) {
            double sum = 0;
            for (int b = b0; b < b1; ++b) sum += columns[std::size_t(b) * outW + ox];
            cells[std::size_t(oy) * outW + ox] = sum / (b1 - b0);
        }
    }
    return cells;
}

// Trace brightness: logarithmic in the count, and never invisible for a count of one.
float brightness(double count, double maxCount) {
    if (count <= 0.0 || maxCount <= 0.0) return 0.0f;
    const double b = std::log1p(count) / std::log1p(maxCount);
    return float(0.2 + 0.8 * b);
}

void drawTraces(Canvas& canvas, const ScopeData& s, const std::vector<Rect>& panels,
                const std::vector<Rgb>& colours) {
    std::vector<std::vector<double>> cells;
    double maxCount = 0.0;
    for (int p = 0; p < s.planes; ++p) {
        const Rect& r = panels[std::size_t(p)];
        cells.push_back(resample(s, p, r.w, r.h));
        for (double c : cells.back()) maxCount = std::max(maxCount, c);
    }
    for (int p = 0; p < s.planes; ++p) {
        const Rect& r = panels[std::size_t(p)];
        for (int y = 0; y < r.h; ++y) {
            for (int x = 0; x < r.w; ++x) {
                const double c = cells[std::size_t(p)][std::size_t(y) * r.w + x];
                canvas.add(r.x + x, r.y + y, colours[std::size_t(p)], brightness(c, maxCount));
            }
        }
    }
}

// Horizontal (or, for the histogram, vertical) lines at 0, 10, 50, 90 and 100 %.
void drawLevelLines(Canvas& canvas, const Rect& r, bool vertical) {
    for (int percent : {0, 10, 50, 90, 100}) {
        const bool edge = percent == 0 || percent == 100;
        const float alpha = edge ? kStrong : kFaint;
        const int dash = edge ? 0 : 3;
        if (vertical) {
            const int x = r.x + int(std::lround((r.w - 1) * percent / 100.0));
            canvas.line(x, r.y, x, r.y + r.h - 1, kGraticule, alpha, dash);
        } else {
            const int y = r.y + r.h - 1 - int(std::lround((r.h - 1) * percent / 100.0));
            canvas.line(r.x, y, r.x + r.w - 1, y, kGraticule, alpha, dash);
        }
    }
}

void drawWaveform(Canvas& canvas, const ScopeData& s, const Rect& plot) {
    std::vector<Rect> panels;
    const int gap = s.planes > 1 ? std::max(4, plot.w / 60) : 0;
    const int w = (plot.w - gap * (s.planes - 1)) / s.planes;
    for (int p = 0; p < s.planes; ++p)
        panels.push_back({plot.x + p * (w + gap), plot.y, w, plot.h});
    for (const Rect& r : panels) drawLevelLines(canvas, r, false);
    const std::vector<Rgb> colours =
        s.planes == 1
            ? std::vector<Rgb>{{0.55f, 1.0f, 0.6f}}
            : std::vector<Rgb>{{1.0f, 0.3f, 0.25f}, {0.3f, 1.0f, 0.35f}, {0.35f, 0.5f, 1.0f}};
    drawTraces(canvas, s, panels, colours);
}

void drawVectorscope(Canvas& canvas, const ScopeData& s, const Rect& plot) {
    const int side = std::min(plot.w, plot.h);
    const Rect square{plot.x + (plot.w - side) / 2, plot.y + (plot.h - side) / 2, side, side};
    // Chroma (Cb, Cr) in [-0.5, 0.5] to canvas pixels; Cr grows upwards.
    auto toX = [&](float cb) { return square.x + int(std::lround((cb + 0.5f) * (side - 1))); };
    auto toY = [&](float cr) { return square.y + int(std::lround((0.5f - cr) * (side - 1))); };
    canvas.box(square.x, square.y, square.x + side - 1, square.y + side - 1, kGraticule, kFaint);
    canvas.line(toX(-0.5f), toY(0.0f), toX(0.5f), toY(0.0f), kGraticule, kFaint, 3);
    canvas.line(toX(0.0f), toY(-0.5f), toX(0.0f), toY(0.5f), kGraticule, kFaint, 3);
    // The skin-tone line, 123 degrees from +Cb.
    const float skin = 123.0f * std::numbers::pi_v<float> / 180.0f;
    canvas.line(toX(0.0f), toY(0.0f), toX(0.45f * std::cos(skin)), toY(0.45f * std::sin(skin)),
                kGraticule, kFaint);
    const std::array<Rgb, 6> targets{Rgb{0.75f, 0, 0}, Rgb{0.75f, 0, 0.75f},
                                     Rgb{0, 0, 0.75f}, Rgb{0, 0.75f, 0.75f},
                                     Rgb{0, 0.75f, 0}, Rgb{0.75f, 0.75f, 0}};
    const int half = std::max(3, side / 60);
    for (const Rgb& t : targets) {
        const float cb = math::weigh(t[0], t[1], t[2], math::kCb);
        const float cr = math::weigh(t[0], t[1], t[2], math::kCr);
        const Rgb colour{0.4f + 0.6f * t[0] / 0.75f, 0.4f + 0.6f * t[1] / 0.75f,
                         0.4f + 0.6f * t[2] / 0.75f};
        canvas.box(toX(cb) - half, toY(cr) - half, toX(cb) + half, toY(cr) + half, colour, 0.8f);
    }
    drawTraces(canvas, s, {square}, {{0.85f, 0.95f, 0.85f}});
}

void drawHistogram(Canvas& canvas, const ScopeData& s, const Rect& plot) {
    drawLevelLines(canvas, plot, true);
    const std::array<Rgb, 3> colours{Rgb{1.0f, 0.25f, 0.2f}, Rgb{0.25f, 1.0f, 0.3f},
                                     Rgb{0.3f, 0.45f, 1.0f}};
    std::vector<std::vector<double>> sums;
    double maxCount = 0.0;
    for (int p = 0; p < s.planes; ++p) {
        sums.push_back(resample(s, p, plot.w, 1));
        for (double c : sums.back()) maxCount = std::max(maxCount, c);
    }
    if (maxCount <= 0.0) return;
    for (int p = 0; p < s.planes; ++p) {
        for (int x = 0; x < plot.w; ++x) {
            const double c = sums[std::size_t(p)][std::size_t(x)];
            if (c <= 0.0) continue;
            const int h =
                std::max(1, int(std::lround(std::log1p(c) / std::log1p(maxCount) * (plot.h - 1))));
            for (int y = 0; y < h; ++y) {
                const bool top = y >= h - 2;
                canvas.add(plot.x + x, plot.y + plot.h - 1 - y, colours[std::size_t(p)],
                           top ? 0.9f : 0.35f);
            }
        }
    }
}

}  // namespace

Result<media::Image> renderScope(const ScopeData& scope, int widthPx, int heightPx) {
    if (widthPx < 32 || heightPx < 32 || widthPx > 8192 || heightPx > 8192) {
        return makeError(ErrorCode::InvalidArgument,
                         "scope picture size must be within 32..8192 px on a side, not " +
                             std::to_string(widthPx) + "x" + std::to_string(heightPx));
    }
    if (scope.planes < 1 || scope.width < 1 || scope.height < 1 ||
        scope.counts.size() != std::size_t(scope.planes) * scope.width * scope.height) {
        return makeError(ErrorCode::InvalidArgument, "scope holds no counts");
    }
    Canvas canvas(widthPx, heightPx);
    const int margin = std::max(6, std::min(widthPx, heightPx) / 32);
    const Rect plot{margin, margin, widthPx - 2 * margin, heightPx - 2 * margin};
    switch (scope.type) {
        case ScopeType::Waveform:
        case ScopeType::Parade:
            drawWaveform(canvas, scope, plot);
            break;
        case ScopeType::Vectorscope:
            drawVectorscope(canvas, scope, plot);
            break;
        case ScopeType::Histogram:
            drawHistogram(canvas, scope, plot);
            break;
    }
    return canvas.finish();
}

}  // namespace emu::scopes
