// Curve correctors: custom (tone) curves, hue vs hue / saturation / luminance, luma vs
// saturation and saturation vs saturation. Each CPU reference mirrors shaders/nodes/<id>.glsl
// line for line; the curves themselves are evaluated by Spline.h (shaders/include/spline.glsl)
// and the hue by HueColour below (shaders/include/hexcone.glsl).
#include <algorithm>
#include <cmath>

#include "NodeBuilders.h"
#include "Spline.h"
#include "emulsion/nodes/BuiltinNodes.h"

namespace emu::nodes {

using graph::NodeShape;
using graph::PixelPos;
using graph::Rgba;

namespace {

constexpr int kCurveSize = 1 + 2 * graph::kMaxCurvePoints;  // floats per Curve parameter

// A colour in hexcone terms (HSV's hue and saturation, over any finite values):
//   max = max(r, g, b), min = min(r, g, b), chroma = max - min
//   hue = (g - b) / chroma / 6          where max == r (tested first)
//       = ((b - r) / chroma + 2) / 6    where max == g (tested second)
//       = ((r - g) / chroma + 4) / 6    otherwise (max == b), taken modulo 1 into [0, 1)
//   sat = min(chroma / max, 1) where max > 0, else 1
// so red is 0, yellow 1/6, green 1/3, cyan 1/2, blue 2/3, magenta 5/6. Greys (chroma 0) have
// no hue; every hue and saturation curve leaves them, and colours with a non-finite channel
// or chroma, unchanged. Hue curves act in proportion to chroma, so colours near grey change
// little and the nodes are continuous there.
struct HueColour {
    float hue = 0, sat = 0, mn = 0, chroma = 0;
};

bool hueOf(const Rgba& c, HueColour& o) {
    o = {};
    if (!std::isfinite(c.r) || !std::isfinite(c.g) || !std::isfinite(c.b)) return false;
    const float mx = std::max(c.r, std::max(c.g, c.b));
    const float mn = std::min(c.r, std::min(c.g, c.b));
    const float chroma = mx - mn;
    if (!(chroma > 0.0f) || std::isinf(chroma)) return false;
    float h = 0.0f;
    if (mx == c.r) {
        h = (c.g - c.b) / chroma;
    } else if (mx == c.g) {
        h = (c.b - c.r) / chroma + 2.0f;
    } else {
        h = (c.r - c.g) / chroma + 4.0f;
    }
    o.hue = wrap01(h / 6.0f);
    o.sat = mx > 0.0f ? std::min(chroma / mx, 1.0f) : 1.0f;
    o.mn = mn;
    o.chroma = chroma;
    return true;
}

// The colour of `hue` on the hexcone with the given min and chroma.
Rgba hueColour(float hue, float mn, float chroma, float alpha) {
    const float h6 = 6.0f * hue;
    auto ramp = [](float v) { return std::clamp(v, 0.0f, 1.0f); };
    return {mn + chroma * ramp(std::fabs(h6 - 3.0f) - 1.0f),
            mn + chroma * ramp(2.0f - std::fabs(h6 - 2.0f)),
            mn + chroma * ramp(2.0f - std::fabs(h6 - 4.0f)), alpha};
}

// Saturation times `gain` around Rec. 709 luma, as the saturation node does.
Rgba scaleChroma(const Rgba& c, float gain) {
    const float luma = luma709(c);
    return {luma + gain * (c.r - luma), luma + gain * (c.g - luma), luma + gain * (c.b - luma),
            c.a};
}

// out = channel(master(in)) per channel. NaN passes; +-Inf follows the curves' end slopes.
Rgba curvesCpu(const float* p, const Rgba& c, const PixelPos&) {
    float v[3] = {c.r, c.g, c.b};
    for (int i = 0; i < 3; ++i) {
        const float m = evalCurve(p, v[i], CurveEnds::Linear, v[i]);
        v[i] = evalCurve(p + kCurveSize * (i + 1), m, CurveEnds::Linear, m);
    }
    return {v[0], v[1], v[2], c.a};
}

// The hue turned by shift(hue) turns, min and chroma kept.
Rgba huehueCpu(const float* p, const Rgba& c, const PixelPos&) {
    HueColour h;
    if (!hueOf(c, h)) return c;
    const float shift = evalPeriodicCurve(p, h.hue, 0.0f);
    if (shift == 0.0f) return c;
    return hueColour(wrap01(h.hue + shift), h.mn, h.chroma, c.a);
}

// Saturation around luma times gain(hue).
Rgba huesatCpu(const float* p, const Rgba& c, const PixelPos&) {
    HueColour h;
    if (!hueOf(c, h)) return c;
    const float gain = evalPeriodicCurve(p, h.hue, 1.0f);
    if (gain == 1.0f) return c;
    return scaleChroma(c, gain);
}

// The colour (so its luminance) times 1 + (gain(hue) - 1) * sat: full effect on saturated
// colours, none on greys, hue and saturation kept.
Rgba huelumCpu(const float* p, const Rgba& c, const PixelPos&) {
    HueColour h;
    if (!hueOf(c, h)) return c;
    const float k = 1.0f + (evalPeriodicCurve(p, h.hue, 1.0f) - 1.0f) * h.sat;
    if (k == 1.0f) return c;
    return {c.r * k, c.g * k, c.b * k, c.a};
}

// Saturation around luma times gain(clamp(luma, 0, 1)).
Rgba lumsatCpu(const float* p, const Rgba& c, const PixelPos&) {
    HueColour h;
    if (!hueOf(c, h)) return c;
    const float gain = evalCurve(p, std::clamp(luma709(c), 0.0f, 1.0f), CurveEnds::Flat, 1.0f);
    if (gain == 1.0f) return c;
    return scaleChroma(c, gain);
}

// Saturation around luma times gain(hexcone saturation).
Rgba satsatCpu(const float* p, const Rgba& c, const PixelPos&) {
    HueColour h;
    if (!hueOf(c, h)) return c;
    const float gain = evalCurve(p, h.sat, CurveEnds::Flat, 1.0f);
    if (gain == 1.0f) return c;
    return scaleChroma(c, gain);
}

// Six points at the primaries and secondaries, all at y: a flat hue curve ready to pull.
std::vector<float> hueFlat(float y) {
    std::vector<float> v;
    for (int i = 0; i < 6; ++i) {
        v.push_back(static_cast<float>(i) / 6.0f);
        v.push_back(y);
    }
    return v;
}

}  // namespace

graph::NodeType makeCurvesNode() {
    // Input and output code values alike; the curve goes on straight past its end points.
    const std::vector<float> identity = {0, 0, 1, 1};
    auto t = makeType("curves", 1, "Curves", NodeShape::Corrector,
                      {curveParam("master", "Master", identity, -1, 2, 0.001f),
                       curveParam("red", "Red", identity, -1, 2, 0.001f),
                       curveParam("green", "Green", identity, -1, 2, 0.001f),
                       curveParam("blue", "Blue", identity, -1, 2, 0.001f)});
    t.corrector = curvesCpu;
    return t;
}

graph::NodeType makeHueHueNode() {
    // x: hue in turns, [0, 1]; y: the shift in turns, [-0.5, 0.5]. Both wrap, so the shared
    // range [-0.5, 1] adds nothing new.
    auto t = makeType("huehue", 1, "Hue vs Hue", NodeShape::Corrector,
                      {curveParam("shift", "Hue shift", hueFlat(0), -0.5f, 1, 0.001f)});
    t.corrector = huehueCpu;
    return t;
}

graph::NodeType makeHueSatNode() {
    // x: hue in turns; y: the saturation gain.
    auto t = makeType("huesat", 1, "Hue vs Saturation", NodeShape::Corrector,
                      {curveParam("gain", "Saturation gain", hueFlat(1), 0, 2, 0.001f)});
    t.corrector = huesatCpu;
    return t;
}

graph::NodeType makeHueLumNode() {
    // x: hue in turns; y: the luminance gain at full saturation.
    auto t = makeType("huelum", 1, "Hue vs Luminance", NodeShape::Corrector,
                      {curveParam("gain", "Luminance gain", hueFlat(1), 0, 2, 0.001f)});
    t.corrector = huelumCpu;
    return t;
}

graph::NodeType makeLumSatNode() {
    // x: Rec. 709 luma, read clamped to [0, 1]; y: the saturation gain.
    auto t = makeType("lumsat", 1, "Luma vs Saturation", NodeShape::Corrector,
                      {curveParam("gain", "Saturation gain", {0, 1, 1, 1}, 0, 2, 0.001f)});
    t.corrector = lumsatCpu;
    return t;
}

graph::NodeType makeSatSatNode() {
    // x: hexcone saturation in [0, 1]; y: the saturation gain.
    auto t = makeType("satsat", 1, "Saturation vs Saturation", NodeShape::Corrector,
                      {curveParam("gain", "Saturation gain", {0, 1, 1, 1}, 0, 2, 0.001f)});
    t.corrector = satsatCpu;
    return t;
}

}  // namespace emu::nodes
