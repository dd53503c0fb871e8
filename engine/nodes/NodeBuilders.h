#pragma once

// Short ways to write NodeDescs: each node file reads as a table of its parameters.

#include <cmath>
#include <string>
#include <vector>

#include "emulsion/graph/NodeType.h"

namespace emu::nodes {

using graph::ParamDesc;
using graph::ParamType;
using graph::UiHint;

inline ParamDesc floatParam(std::string id, std::string label, float def, float min, float max,
                            float step, std::string unit = {}, UiHint ui = UiHint::Slider,
                            std::string panel = {}) {
    return {std::move(id),
            std::move(label),
            ParamType::Float,
            {def},
            min,
            max,
            step,
            std::move(unit),
            ui,
            std::move(panel),
            {}};
}

inline ParamDesc rgbParam(std::string id, std::string label, float def, float min, float max,
                          float step, UiHint ui = UiHint::Number, std::string panel = {}) {
    return {std::move(id),
            std::move(label),
            ParamType::Rgb,
            {def, def, def},
            min,
            max,
            step,
            {},
            ui,
            std::move(panel),
            {}};
}

// Red, green, blue and master, as a wheel with its ring.
inline ParamDesc wheelParam(std::string id, std::string label, float def, float min, float max,
                            float step, std::string panel) {
    return {std::move(id),
            std::move(label),
            ParamType::Rgba,
            {def, def, def, def},
            min,
            max,
            step,
            {},
            UiHint::Wheel,
            std::move(panel),
            {}};
}

inline ParamDesc boolParam(std::string id, std::string label, bool def) {
    return {std::move(id),
            std::move(label),
            ParamType::Bool,
            {def ? 1.0f : 0.0f},
            0,
            1,
            1,
            {},
            UiHint::Checkbox,
            {},
            {}};
}

inline ParamDesc enumParam(std::string id, std::string label, int def,
                           std::vector<std::string> names) {
    float max = static_cast<float>(names.size() - 1);
    return {std::move(id),
            std::move(label),
            ParamType::Enum,
            {float(def)},
            0,
            max,
            1,
            {},
            UiHint::Combo,
            {},
            std::move(names)};
}

// A curve drawn in the curve editor: `points` are (x, y) pairs, x ascending; min and max bound
// x and y alike.
inline ParamDesc curveParam(std::string id, std::string label, std::vector<float> points, float min,
                            float max, float step) {
    return {std::move(id),
            std::move(label),
            ParamType::Curve,
            std::move(points),
            min,
            max,
            step,
            {},
            UiHint::CurveEditor,
            {},
            {}};
}

inline graph::NodeType makeType(std::string id, int version, std::string label,
                                graph::NodeShape shape, std::vector<ParamDesc> params,
                                bool spatialMatte = false) {
    graph::NodeType t;
    t.desc.id = std::move(id);
    t.desc.version = version;
    t.desc.label = std::move(label);
    t.desc.params = std::move(params);
    t.shape = shape;
    graph::setPortsForShape(t.desc, shape, spatialMatte);
    t.glslFunction = "emu_" + t.desc.id;
    return t;
}

// sign(x) * |x|^e: a power that keeps negatives and leaves the sign of superwhites alone,
// as GLSL's emuSignedPow does.
inline float signedPow(float x, float e) {
    return x < 0.0f ? -std::pow(-x, e) : std::pow(x, e);
}

// Rec. 709 luma weights, which the ASC CDL's saturation uses.
inline float luma709(const graph::Rgba& c) {
    return 0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b;
}

// GLSL's emuSmoothstep: 0 up to e0 (and for NaN), 1 from e1, the smoothstep cubic between; a
// hard step where e0 == e1.
inline float smoothEdge(float e0, float e1, float x) {
    if (!(x > e0)) return 0.0f;
    if (x >= e1) return 1.0f;
    const float t = (x - e0) / (e1 - e0);
    return t * t * (3.0f - 2.0f * t);
}

}  // namespace emu::nodes
