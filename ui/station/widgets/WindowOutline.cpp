#include "WindowOutline.h"

#include <algorithm>
#include <cmath>

namespace emu::station {

namespace {

constexpr float kRadiansPerDegree = 0.017453292519943295f;

}  // namespace

PicturePoint windowPoint(const WindowOutline& w, float frameAspect, float d, float t) {
    // The matte measures a pixel in frame-height units, rotated into the window's axes and
    // divided by its radii; this runs that backwards.
    const float angle = w.rotationDeg * kRadiansPerDegree;
    const float cs = std::cos(angle), sn = std::sin(angle);
    const float u = d * std::cos(t) * w.size * w.aspect, v = d * std::sin(t) * w.size;
    const float dx = cs * u - sn * v, dy = sn * u + cs * v;
    return {w.x + dx / frameAspect, w.y + dy};
}

float windowSizeAt(const WindowOutline& w, float frameAspect, PicturePoint p) {
    const float angle = w.rotationDeg * kRadiansPerDegree;
    const float dx = (p.x - w.x) * frameAspect, dy = p.y - w.y;
    const float along = std::abs(std::cos(angle) * dx + std::sin(angle) * dy);
    return std::max(along / std::max(w.aspect, 1e-3f), 0.001f);
}

}  // namespace emu::station
