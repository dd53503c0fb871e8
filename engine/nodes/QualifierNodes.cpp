// The HSL qualifier: a matte from the input's hue, saturation and luminance.
#include <cmath>

#include "NodeBuilders.h"
#include "emulsion/nodes/BuiltinNodes.h"

namespace emu::nodes {

using graph::NodeShape;
using graph::PixelPos;
using graph::Rgba;

namespace {

// 1 inside a range, falling to 0 across `soft` beyond it; `outside` is the distance past the
// range's nearer end (<= 0 inside).
float rangeWeight(float outside, float soft) {
    return 1.0f - smoothEdge(0.0f, soft, outside);
}

// NaN, Inf and magnitudes over 1e30 (where chroma and luma could overflow) select nothing.
bool usable(float x) {
    return !std::isnan(x) && std::fabs(x) <= 1e30f;
}

// Magnitudes under 1e-30 count as 0: hue and saturation are scale-invariant, so denormals
// would give the GPU (which may flush them) and the CPU different colours.
float flush(float x) {
    return std::fabs(x) < 1e-30f ? 0.0f : x;
}

struct Hsl {
    float h;  // hexcone hue in [0, 1): 0 red, 1/3 green, 2/3 blue; 0 where max == min
    float s;  // (max - min) / max for max > 0, else 0; over 1 where a channel is negative
    float l;  // Rec. 709 luma
};

Hsl toHsl(float r, float g, float b) {
    float mx = r > g ? r : g;
    mx = mx > b ? mx : b;
    float mn = r < g ? r : g;
    mn = mn < b ? mn : b;
    const float chroma = mx - mn;
    float h = 0.0f;
    if (chroma > 0.0f) {
        if (mx == r) {
            h = (g - b) / chroma;
            if (h < 0.0f) h = h + 6.0f;
        } else if (mx == g) {
            h = (b - r) / chroma + 2.0f;
        } else {
            h = (r - g) / chroma + 4.0f;
        }
        h = h * 0.16666667f;
        if (h >= 1.0f) h = h - 1.0f;
    }
    const float s = mx > 0.0f ? chroma / mx : 0.0f;
    const float l = 0.2126f * r + 0.7152f * g + 0.0722f * b;
    return {h, s, l};
}

// The matte is the product of the enabled ranges' weights (1 when none is enabled), then
// inverted if asked. Hue is periodic: the range is centre +- width / 2 on the hue circle.
// Saturation is HSV's (max - min) / max, not HSL's, because it does not change with exposure
// and stays meaningful above 1.0 in scene-linear footage. Pixels with a NaN, Inf or huge
// channel give 0 whether inverted or not: they are never selected.
float qualifierCpu(const float* p, const Rgba& in, const PixelPos&) {
    if (!(usable(in.r) && usable(in.g) && usable(in.b))) return 0.0f;
    const Hsl c = toHsl(flush(in.r), flush(in.g), flush(in.b));
    float m = 1.0f;
    if (p[0] > 0.5f) {
        float d = std::fabs(c.h - p[1]);
        d = d < 1.0f - d ? d : 1.0f - d;
        m = m * rangeWeight(d - 0.5f * p[2], p[3]);
    }
    if (p[4] > 0.5f) {
        const float lo = p[5] - c.s, hi = c.s - p[6];
        m = m * rangeWeight(lo > hi ? lo : hi, p[7]);
    }
    if (p[8] > 0.5f) {
        const float lo = p[9] - c.l, hi = c.l - p[10];
        m = m * rangeWeight(lo > hi ? lo : hi, p[11]);
    }
    return p[12] > 0.5f ? 1.0f - m : m;
}

}  // namespace

graph::NodeType makeQualifierNode() {
    auto t = makeType(
        "qualifier", 1, "Qualifier (HSL)", NodeShape::MatteGenerator,
        {boolParam("usehue", "Hue", true),
         floatParam("hue", "Hue Centre", 0.0f, 0, 1, 0.002f, "", UiHint::Slider, "knob"),
         floatParam("huewidth", "Hue Width", 0.1f, 0, 1, 0.002f, "", UiHint::Slider, "knob"),
         floatParam("huesoft", "Hue Softness", 0.05f, 0, 0.5f, 0.002f, "", UiHint::Slider, "knob"),
         boolParam("usesat", "Saturation", true),
         floatParam("satlow", "Saturation Low", 0.2f, 0, 4, 0.005f, "", UiHint::Slider, "knob"),
         floatParam("sathigh", "Saturation High", 4.0f, 0, 4, 0.005f, "", UiHint::Slider, "knob"),
         floatParam("satsoft", "Saturation Softness", 0.1f, 0, 1, 0.005f, "", UiHint::Slider,
                    "knob"),
         boolParam("uselum", "Luminance", false),
         floatParam("lumlow", "Luminance Low", 0.0f, -1, 64, 0.005f, "", UiHint::Slider, "knob"),
         floatParam("lumhigh", "Luminance High", 1.0f, -1, 64, 0.005f, "", UiHint::Slider, "knob"),
         floatParam("lumsoft", "Luminance Softness", 0.1f, 0, 4, 0.005f, "", UiHint::Slider,
                    "knob"),
         boolParam("invert", "Invert", false)});
    t.matte = qualifierCpu;
    return t;
}

}  // namespace emu::nodes
