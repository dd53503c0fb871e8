// Window nodes beyond the ellipse: rectangle, linear gradient and polygon. Like the ellipse they
// work in frame units where one unit is the frame height (x scaled by width / height), so
// shapes and soft edges are true on screen; positions are normalised frame coordinates (0..1
// across and down), and angles turn clockwise on screen as the ellipse's rotation does.
// Softness is a distance in frame heights on each side of the edge: the matte is 1 at
// `softness` inside, 0.5 on the edge and 0 at `softness` outside (a hard edge at 0).
#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "NodeBuilders.h"
#include "emulsion/nodes/BuiltinNodes.h"

namespace emu::nodes {

using graph::NodeShape;
using graph::PixelPos;
using graph::Rgba;

namespace {

constexpr float kRadiansPerDegree = 0.017453292519943295f;

float edgeMatte(float signedDist, float soft, bool invert) {
    const float m = 1.0f - smoothEdge(-soft, soft, signedDist);
    return invert ? 1.0f - m : m;
}

// Centre (x, y), width and height in frame heights, rotation in degrees. The signed distance
// to the rectangle: Euclidean outside, minus the distance to the nearest side inside.
float rectWindowCpu(const float* p, const Rgba&, const PixelPos& pos) {
    const float angle = p[4] * kRadiansPerDegree;
    const float dx = (pos.x - p[0]) * pos.aspect, dy = pos.y - p[1];
    const float cs = std::cos(angle), sn = std::sin(angle);
    const float u = std::fabs(cs * dx + sn * dy) - 0.5f * p[2];
    const float v = std::fabs(-sn * dx + cs * dy) - 0.5f * p[3];
    float dist;
    if (u > 0.0f || v > 0.0f) {
        const float ou = u > 0.0f ? u : 0.0f, ov = v > 0.0f ? v : 0.0f;
        dist = std::sqrt(ou * ou + ov * ov);
    } else {
        dist = u > v ? u : v;
    }
    return edgeMatte(dist, p[5], p[6] > 0.5f);
}

// Midpoint (x, y), angle in degrees: the matte rises from 0 to 1 towards (cos, sin) of the
// angle in frame coordinates (y down, so -90 is up), across 2 * softness centred on the
// midpoint's line.
float gradientCpu(const float* p, const Rgba&, const PixelPos& pos) {
    const float angle = p[2] * kRadiansPerDegree;
    const float dx = (pos.x - p[0]) * pos.aspect, dy = pos.y - p[1];
    const float t = std::cos(angle) * dx + std::sin(angle) * dy;
    const float m = smoothEdge(-p[3], p[3], t);
    return p[4] > 0.5f ? 1.0f - m : m;
}

// Up to kMaxCurvePoints vertices in normalised frame coordinates, in order, either winding;
// self-intersecting outlines are filled even-odd (crossing number). Fewer than 3 vertices
// enclose nothing. The soft edge follows the distance to the nearest edge.
float polygonCpu(const float* p, const Rgba&, const PixelPos& pos) {
    const int n = static_cast<int>(std::clamp(p[0], 0.0f, float(graph::kMaxCurvePoints)));
    const float soft = p[1 + 2 * graph::kMaxCurvePoints];
    const bool invert = p[2 + 2 * graph::kMaxCurvePoints] > 0.5f;
    if (n < 3) return invert ? 1.0f : 0.0f;
    auto vertex = [&](int k) {
        return std::pair<float, float>{p[1 + 2 * k] * pos.aspect, p[2 + 2 * k]};
    };
    const float px = pos.x * pos.aspect, py = pos.y;
    bool inside = false;
    float nearest2 = 3.0e38f;
    auto [ax, ay] = vertex(n - 1);
    for (int k = 0; k < n; ++k) {
        const auto [bx, by] = vertex(k);
        if ((ay > py) != (by > py)) {
            const float xCross = ax + (py - ay) / (by - ay) * (bx - ax);
            if (px < xCross) inside = !inside;
        }
        const float ex = bx - ax, ey = by - ay, wx = px - ax, wy = py - ay;
        const float len2 = ex * ex + ey * ey;
        float t = len2 > 0.0f ? (wx * ex + wy * ey) / len2 : 0.0f;
        t = t < 0.0f ? 0.0f : (t > 1.0f ? 1.0f : t);
        const float qx = wx - ex * t, qy = wy - ey * t;
        const float q2 = qx * qx + qy * qy;
        nearest2 = q2 < nearest2 ? q2 : nearest2;
        ax = bx;
        ay = by;
    }
    const float dist = std::sqrt(nearest2);
    return edgeMatte(inside ? -dist : dist, soft, invert);
}

ParamDesc handle(std::string id, std::string label, float def) {
    return floatParam(std::move(id), std::move(label), def, -1, 2, 0.002f, "", UiHint::Handles);
}

ParamDesc softnessParam(float def) {
    return floatParam("softness", "Softness", def, 0, 1, 0.002f, "", UiHint::Slider, "knob");
}

}  // namespace

graph::NodeType makeRectWindowNode() {
    auto t = makeType(
        "rectwindow", 1, "Window (rectangle)", NodeShape::MatteGenerator,
        {handle("x", "Centre X", 0.5f), handle("y", "Centre Y", 0.5f),
         floatParam("width", "Width", 0.6f, 0, 8, 0.002f, "", UiHint::Handles),
         floatParam("height", "Height", 0.4f, 0, 8, 0.002f, "", UiHint::Handles),
         floatParam("rotation", "Rotation", 0, -360, 360, 0.5f, "deg", UiHint::Handles, "knob"),
         softnessParam(0.02f), boolParam("invert", "Invert", false)});
    t.matte = rectWindowCpu;
    t.readsPosition = true;
    return t;
}

graph::NodeType makeGradientNode() {
    auto t = makeType(
        "gradient", 1, "Window (gradient)", NodeShape::MatteGenerator,
        {handle("x", "Midpoint X", 0.5f), handle("y", "Midpoint Y", 0.5f),
         floatParam("angle", "Angle", -90, -360, 360, 0.5f, "deg", UiHint::Handles, "knob"),
         softnessParam(0.25f), boolParam("invert", "Invert", false)});
    t.matte = gradientCpu;
    t.readsPosition = true;
    return t;
}

graph::NodeType makePolygonNode() {
    ParamDesc points{"points",
                     "Points",
                     ParamType::Points,
                     {0.3f, 0.3f, 0.7f, 0.3f, 0.7f, 0.7f, 0.3f, 0.7f},
                     -1,
                     2,
                     0.002f,
                     {},
                     UiHint::Handles,
                     {},
                     {}};
    auto t = makeType("polygon", 1, "Window (polygon)", NodeShape::MatteGenerator,
                      {points, softnessParam(0.02f), boolParam("invert", "Invert", false)});
    t.matte = polygonCpu;
    t.readsPosition = true;
    return t;
}

}  // namespace emu::nodes
