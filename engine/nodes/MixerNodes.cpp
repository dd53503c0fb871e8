// Image mixers: parallel (sums each branch's change) and layer (ordered composite).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "NodeBuilders.h"
#include "emulsion/nodes/BuiltinNodes.h"

namespace emu::nodes {

using graph::NodeShape;
using graph::Rgba;

namespace {

// Each branch graded the same input (`image`); the result adds every branch's change to it,
// so two branches that each add 0.1 give 0.2, as colourists expect of a parallel mixer.
Rgba parallelCpu(const float*, const Rgba& base, const Rgba& a, const Rgba& b, const Rgba& c) {
    auto sum = [](float s, float x, float y, float z) { return x + y + z - 2.0f * s; };
    return {sum(base.r, a.r, b.r, c.r), sum(base.g, a.g, b.g, c.g), sum(base.b, a.b, b.b, c.b),
            base.a};
}

// One channel of `layer` (l) blended onto `under` (s), by mode: 0 normal l, 1 add s + l,
// 2 multiply s * l, 3 screen s + l - s * l, 4 overlay (multiply or screen by s <= 0.5), 5 soft
// light, the W3C compositing formula: s - (1 - 2l) s (1 - s) for l <= 0.5, else
// s + (2l - 1)(D(s) - s) with D(s) = ((16s - 12)s + 4)s for s <= 0.25, sqrt(s) above.
// Scene-linear values above 1 go through the same algebra.
float blendChannel(int mode, float s, float l) {
    switch (mode) {
        case 0:
            return l;
        case 1:
            return s + l;
        case 2:
            return s * l;
        case 3:
            return s + l - s * l;
        case 4:
            return s <= 0.5f ? 2.0f * s * l : 1.0f - 2.0f * (1.0f - s) * (1.0f - l);
        default: {
            if (l <= 0.5f) return s - (1.0f - 2.0f * l) * s * (1.0f - s);
            const float d = s <= 0.25f ? ((16.0f * s - 12.0f) * s + 4.0f) * s : std::sqrt(s);
            return s + (2.0f * l - 1.0f) * (d - s);
        }
    }
}

// The blend at `opacity`, exact at 0 and 1 so a layer at either end does not turn an Inf
// into NaN.
float overChannel(int mode, float opacity, float s, float l) {
    if (!(opacity > 0.0f)) return s;
    const float f = blendChannel(mode, s, l);
    if (opacity >= 1.0f) return f;
    return s + opacity * (f - s);
}

// `q` is one layer's (enable, mode, opacity).
Rgba over(const float* q, const Rgba& under, const Rgba& layer) {
    if (!(q[0] > 0.5f)) return under;
    const int mode = static_cast<int>(q[1]);
    return {overChannel(mode, q[2], under.r, layer.r), overChannel(mode, q[2], under.g, layer.g),
            overChannel(mode, q[2], under.b, layer.b), under.a};
}

// Layers a, b, c over the base, bottom to top; the base's alpha passes. A disabled layer is
// skipped exactly. The planner hands an unconnected layer the base, which would cover the
// layers under it, so only layer a starts enabled: connecting b or c means enabling it.
Rgba layerCpu(const float* p, const Rgba& base, const Rgba& a, const Rgba& b, const Rgba& c) {
    return over(p + 6, over(p + 3, over(p, base, a), b), c);
}

}  // namespace

graph::NodeType makeParallelNode() {
    auto t = makeType("parallel", 1, "Parallel Mixer", NodeShape::ImageMixer, {});
    t.imageMix = parallelCpu;
    return t;
}

graph::NodeType makeLayerNode() {
    auto layer = [](const std::string& n, bool on) {
        const std::string up(1, char(n[0] - 'a' + 'A'));
        return std::vector<ParamDesc>{
            boolParam("enable" + n, "Layer " + up, on),
            enumParam("mode" + n, "Layer " + up + " Mode", 0,
                      {"Normal", "Add", "Multiply", "Screen", "Overlay", "Soft Light"}),
            floatParam("opacity" + n, "Layer " + up + " Opacity", 1.0f, 0, 1, 0.005f, "",
                       UiHint::Slider, "knob")};
    };
    std::vector<ParamDesc> params = layer("a", true);
    for (const char* n : {"b", "c"}) {
        auto more = layer(n, false);
        params.insert(params.end(), more.begin(), more.end());
    }
    auto t = makeType("layer", 1, "Layer Mixer", NodeShape::ImageMixer, std::move(params));
    t.imageMix = layerCpu;
    return t;
}

}  // namespace emu::nodes
