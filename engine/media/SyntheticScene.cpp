#include "emulsion/media/SyntheticScene.h"

#include <algorithm>

namespace emu::media {

namespace {

// Plausible reflectances (linear, AP0), chosen for the test chart: the first row greys from
// black to white, then primaries, secondaries, and four skin tones (dark to light).
constexpr ScenePatch kPatches[24] = {
    {0.031f, 0.031f, 0.031f}, {0.09f, 0.09f, 0.09f}, {0.18f, 0.18f, 0.18f},
    {0.36f, 0.36f, 0.36f},    {0.59f, 0.59f, 0.59f}, {0.90f, 0.90f, 0.90f},
    {0.42f, 0.10f, 0.07f},    {0.15f, 0.33f, 0.12f}, {0.10f, 0.12f, 0.38f},
    {0.18f, 0.36f, 0.40f},    {0.40f, 0.14f, 0.33f}, {0.62f, 0.56f, 0.10f},
    {0.50f, 0.28f, 0.08f},    {0.22f, 0.24f, 0.30f}, {0.30f, 0.14f, 0.12f},
    {0.12f, 0.09f, 0.16f},    {0.33f, 0.42f, 0.12f}, {0.55f, 0.38f, 0.12f},
    {0.115f, 0.080f, 0.060f}, {0.26f, 0.18f, 0.13f}, {0.39f, 0.29f, 0.23f},
    {0.52f, 0.41f, 0.34f},    {0.20f, 0.26f, 0.34f}, {0.14f, 0.18f, 0.09f},
};

// The chart occupies the left 60% of the width and the top 70% of the height, with a margin.
struct ChartLayout {
    float x0, y0, cellW, cellH;
};

ChartLayout chartLayout(int w, int h) {
    const float x0 = 0.04f * w, y0 = 0.06f * h;
    return {x0, y0, (0.60f * w - x0) / kScenePatchColumns, (0.70f * h - y0) / kScenePatchRows};
}

}  // namespace

const ScenePatch* scenePatches() {
    return kPatches;
}

PatchRect scenePatchInterior(int widthPx, int heightPx, int column, int row) {
    const ChartLayout c = chartLayout(widthPx, heightPx);
    const float left = c.x0 + column * c.cellW, top = c.y0 + row * c.cellH;
    // The patch fills its cell less a 10% gap; the interior keeps away another 15% each side.
    const float insetX = 0.25f * c.cellW, insetY = 0.25f * c.cellH;
    return {int(left + insetX) + 1, int(top + insetY) + 1, int(left + c.cellW - insetX),
            int(top + c.cellH - insetY)};
}

Image makeSceneFrame(int widthPx, int heightPx, int frame, int frameCount) {
    Image image(widthPx, heightPx, PixelType::Float);
    auto* px = reinterpret_cast<float*>(image.data());
    const ChartLayout chart = chartLayout(widthPx, heightPx);
    // The ball: centre moves from 15% to 85% of the width; radius 8% of the height.
    const float t = frameCount > 1 ? float(frame) / float(frameCount - 1) : 0.0f;
    const float ballX = (0.15f + 0.70f * t) * widthPx;
    const float ballY = 0.78f * heightPx;
    const float ballR = 0.08f * heightPx;
    const float stepTop = 0.88f * heightPx;
    for (int y = 0; y < heightPx; ++y) {
        const float v = (y + 0.5f) / heightPx;
        for (int x = 0; x < widthPx; ++x) {
            const float u = (x + 0.5f) / widthPx;
            // Sky to ground, with a horizontal warm-to-cool drift.
            float r = (0.55f - 0.45f * v) * (0.9f + 0.2f * u);
            float g = (0.62f - 0.52f * v);
            float b = (0.80f - 0.72f * v) * (1.1f - 0.2f * u);
            const float fx = x + 0.5f, fy = y + 0.5f;
            // The chart, with a dark surround between patches.
            const float cx = (fx - chart.x0) / chart.cellW, cy = (fy - chart.y0) / chart.cellH;
            if (cx >= 0 && cy >= 0 && cx < kScenePatchColumns && cy < kScenePatchRows) {
                const int col = int(cx), row = int(cy);
                const float inX = cx - col, inY = cy - row;
                if (inX > 0.05f && inX < 0.95f && inY > 0.05f && inY < 0.95f) {
                    const ScenePatch& p = kPatches[row * kScenePatchColumns + col];
                    r = p.r, g = p.g, b = p.b;
                } else {
                    r = g = b = 0.02f;
                }
            }
            // The grey scale: eleven steps, 0.18 * 2^(step - 5).
            if (fy >= stepTop) {
                const int step = std::min(10, int(u * 11.0f));
                float grey = 0.18f;
                for (int s = 5; s < step; ++s) grey *= 2.0f;
                for (int s = step; s < 5; ++s) grey *= 0.5f;
                r = g = b = grey;
            }
            // The ball: a bright core falling off quadratically to its rim.
            const float dx = fx - ballX, dy = fy - ballY;
            const float d2 = (dx * dx + dy * dy) / (ballR * ballR);
            if (d2 < 1.0f && fy < stepTop) {
                const float k = 1.0f - d2;
                r = 0.6f + 3.4f * k * k;
                g = 0.15f + 1.2f * k * k;
                b = 0.08f + 0.6f * k * k;
            }
            float* o = px + 4 * (std::size_t(y) * widthPx + x);
            o[0] = r, o[1] = g, o[2] = b, o[3] = 1.0f;
        }
    }
    return image;
}

}  // namespace emu::media
