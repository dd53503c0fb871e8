// Primary correctors: exposure, ASC CDL, lift/gamma/gain/offset, contrast, saturation.
// Each CPU reference mirrors shaders/nodes/<id>.glsl line for line.
#include <algorithm>
#include <cmath>

#include "NodeBuilders.h"
#include "emulsion/nodes/BuiltinNodes.h"

namespace emu::nodes {

using graph::NodeShape;
using graph::PixelPos;
using graph::Rgba;

namespace {

Rgba exposureCpu(const float* p, const Rgba& c, const PixelPos&) {
    const float gain = std::exp2(p[0]);
    return {c.r * gain, c.g * gain, c.b * gain, c.a};
}

// ASC CDL v1.2: out = clamp(in * slope + offset)^power, then saturation around Rec. 709 luma,
// clamped again. The no-clamp style leaves values outside [0, 1] alone and applies the power
// to positive values only, as OpenColorIO's CDL_NO_CLAMP style does.
Rgba cdlCpu(const float* p, const Rgba& c, const PixelPos&) {
    const bool clamp = p[10] < 0.5f;  // style 0 = ASC v1.2 (clamping)
    float v[3] = {c.r, c.g, c.b};
    for (int i = 0; i < 3; ++i) {
        float x = v[i] * p[i] + p[3 + i];
        // Written so NaN clamps to 0, as it must for a result in [0, 1].
        if (clamp) x = x > 0.0f ? std::min(x, 1.0f) : 0.0f;
        v[i] = x > 0.0f ? std::pow(x, p[6 + i]) : x;
    }
    const float luma = 0.2126f * v[0] + 0.7152f * v[1] + 0.0722f * v[2];
    for (int i = 0; i < 3; ++i) {
        v[i] = luma + p[9] * (v[i] - luma);
        if (clamp) v[i] = v[i] > 0.0f ? std::min(v[i], 1.0f) : 0.0f;
    }
    return {v[0], v[1], v[2], c.a};
}

// Lift raises the blacks while holding white, gain scales, gamma bends the mids, offset
// shifts everything: out = signedPow(gain * (x * (1 - lift) + lift), 1 / gamma) + offset.
// Each control is per channel with a master: lift and offset add to their master, gain and
// gamma multiply by theirs.
Rgba lggCpu(const float* p, const Rgba& c, const PixelPos&) {
    const float* lift = p;
    const float* gamma = p + 4;
    const float* gain = p + 8;
    const float* offset = p + 12;
    float v[3] = {c.r, c.g, c.b};
    for (int i = 0; i < 3; ++i) {
        const float l = lift[i] + lift[3];
        const float g = gamma[i] * gamma[3];
        const float k = gain[i] * gain[3];
        // x * (1 - l) + l rather than x + l * (1 - x): equal, but +Inf stays +Inf.
        const float x = k * (v[i] * (1.0f - l) + l);
        v[i] = signedPow(x, 1.0f / g) + offset[i] + offset[3];
    }
    return {v[0], v[1], v[2], c.a};
}

Rgba contrastCpu(const float* p, const Rgba& c, const PixelPos&) {
    const float k = p[0], pivot = p[1];
    return {(c.r - pivot) * k + pivot, (c.g - pivot) * k + pivot, (c.b - pivot) * k + pivot, c.a};
}

Rgba saturationCpu(const float* p, const Rgba& c, const PixelPos&) {
    const float luma = luma709(c);
    const float s = p[0];
    return {luma + s * (c.r - luma), luma + s * (c.g - luma), luma + s * (c.b - luma), c.a};
}

}  // namespace

graph::NodeType makeExposureNode() {
    auto t = makeType(
        "exposure", 1, "Exposure", NodeShape::Corrector,
        {floatParam("stops", "Exposure", 0, -10, 10, 0.05f, "stops", UiHint::Knob, "knob")});
    t.corrector = exposureCpu;
    return t;
}

graph::NodeType makeCdlNode() {
    auto t = makeType("cdl", 1, "ASC CDL", NodeShape::Corrector,
                      {rgbParam("slope", "Slope", 1, 0, 16, 0.005f),
                       rgbParam("offset", "Offset", 0, -2, 2, 0.001f),
                       rgbParam("power", "Power", 1, 0.05f, 16, 0.005f),
                       floatParam("saturation", "Saturation", 1, 0, 16, 0.01f, "", UiHint::Number),
                       enumParam("style", "Style", 0, {"ASC v1.2 (clamp)", "No clamp"})});
    t.corrector = cdlCpu;
    return t;
}

graph::NodeType makeLggNode() {
    auto t = makeType("lgg", 1, "Lift / Gamma / Gain", NodeShape::Corrector,
                      {wheelParam("lift", "Lift", 0, -1, 1, 0.002f, "ball1"),
                       wheelParam("gamma", "Gamma", 1, 0.1f, 10, 0.002f, "ball2"),
                       wheelParam("gain", "Gain", 1, 0, 16, 0.002f, "ball3"),
                       wheelParam("offset", "Offset", 0, -2, 2, 0.001f, "ball4")});
    t.corrector = lggCpu;
    return t;
}

graph::NodeType makeContrastNode() {
    auto t =
        makeType("contrast", 1, "Contrast", NodeShape::Corrector,
                 {floatParam("contrast", "Contrast", 1, 0, 4, 0.005f, "", UiHint::Knob, "knob"),
                  // ACEScct's code value for 18% grey: the pivot a log grade wants.
                  floatParam("pivot", "Pivot", 0.4135f, -1, 2, 0.001f, "", UiHint::Knob, "knob")});
    t.corrector = contrastCpu;
    return t;
}

graph::NodeType makeSaturationNode() {
    auto t = makeType(
        "saturation", 1, "Saturation", NodeShape::Corrector,
        {floatParam("saturation", "Saturation", 1, 0, 4, 0.005f, "", UiHint::Knob, "knob")});
    t.corrector = saturationCpu;
    return t;
}

}  // namespace emu::nodes
