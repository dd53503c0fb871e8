// Nodes that make or combine mattes: the ellipse window and the key mixer.
#include <algorithm>
#include <cmath>

#include "NodeBuilders.h"
#include "emulsion/nodes/BuiltinNodes.h"

namespace emu::nodes {

using graph::NodeShape;
using graph::PixelPos;
using graph::Rgba;

namespace {

float smoothstep(float e0, float e1, float x) {
    float t = std::clamp((x - e0) / (e1 - e0), 0.0f, 1.0f);
    return t * t * (3.0f - 2.0f * t);
}

// An ellipse in picture space: centre (x, y) in normalised frame coordinates, size = the
// vertical radius as a fraction of the frame height, aspect = horizontal / vertical radius,
// rotation in degrees, softness as a fraction of the radius on each side of the edge.
float windowCpu(const float* p, const Rgba&, const PixelPos& pos) {
    const float cx = p[0], cy = p[1], size = p[2], aspect = p[3];
    const float angle = p[4] * 0.017453292519943295f;
    const float soft = p[5];
    const bool invert = p[6] > 0.5f;
    // Frame units where one unit is the frame height, so a circle is round on screen.
    const float dx = (pos.x - cx) * pos.aspect, dy = pos.y - cy;
    const float cs = std::cos(angle), sn = std::sin(angle);
    const float u = (cs * dx + sn * dy) / (size * aspect);
    const float v = (-sn * dx + cs * dy) / size;
    const float d = std::sqrt(u * u + v * v);
    float m = 1.0f - smoothstep(1.0f - soft, 1.0f + soft + 1e-6f, d);
    return invert ? 1.0f - m : m;
}

// Combines two mattes: 0 multiply (intersection), 1 screen (union), 2 subtract b from a,
// 3 maximum, 4 minimum. Results stay in [0, 1].
float keyMixCpu(const float* p, float a, float b) {
    float m;
    switch (static_cast<int>(p[0])) {
        case 0:
            m = a * b;
            break;
        case 1:
            m = a + b - a * b;
            break;
        case 2:
            m = a * (1.0f - b);
            break;
        case 3:
            m = std::max(a, b);
            break;
        default:
            m = std::min(a, b);
            break;
    }
    return std::clamp(m, 0.0f, 1.0f);
}

}  // namespace

graph::NodeType makeWindowNode() {
    auto t = makeType("window", 1, "Window (ellipse)", NodeShape::MatteGenerator,
                      {floatParam("x", "Centre X", 0.5f, -1, 2, 0.002f, "", UiHint::Handles),
                       floatParam("y", "Centre Y", 0.5f, -1, 2, 0.002f, "", UiHint::Handles),
                       floatParam("size", "Size", 0.3f, 0.001f, 4, 0.002f, "", UiHint::Handles),
                       floatParam("aspect", "Aspect", 1.0f, 0.01f, 100, 0.01f),
                       floatParam("rotation", "Rotation", 0, -360, 360, 0.5f, "deg"),
                       floatParam("softness", "Softness", 0.1f, 0, 1, 0.005f),
                       boolParam("invert", "Invert", false)});
    t.matte = windowCpu;
    t.readsPosition = true;
    return t;
}

graph::NodeType makeKeyMixerNode() {
    auto t = makeType(
        "keymix", 1, "Key Mixer", NodeShape::KeyMixer,
        {enumParam("mode", "Mode", 0, {"Multiply", "Screen", "Subtract", "Maximum", "Minimum"})});
    t.keyMix = keyMixCpu;
    return t;
}

}  // namespace emu::nodes
