#include "emulsion/nodes/ExampleGrades.h"

#include <utility>
#include <vector>

#include "emulsion/graph/Commands.h"

namespace emu::nodes {

Result<graph::Grade> typicalGrade(const graph::NodeRegistry& registry) {
    using namespace graph;
    GradeEditor e(registry, Grade());
    NodeId src, cdl, lgg, wheels, blur, con, curve, sat, hueSat, skin, sky, win, par, out;
    const std::vector<std::pair<const char*, NodeId*>> nodes{
        {"source", &src},    {"cdl", &cdl},        {"lgg", &lgg},       {"logwheels", &wheels},
        {"blur", &blur},     {"contrast", &con},   {"curves", &curve},  {"saturation", &sat},
        {"huesat", &hueSat}, {"qualifier", &skin}, {"qualifier", &sky}, {"window", &win},
        {"parallel", &par},  {"output", &out}};
    for (auto [type, id] : nodes) EMU_RETURN_IF_ERROR(e.apply(AddNode{type}, id));
    const std::vector<Command> edits{
        Connect{{src, "image", cdl, "image"}}, Connect{{cdl, "image", lgg, "image"}},
        Connect{{lgg, "image", wheels, "image"}}, Connect{{wheels, "image", blur, "image"}},
        Connect{{blur, "image", con, "image"}}, Connect{{con, "image", curve, "image"}},
        Connect{{curve, "image", skin, "image"}}, Connect{{win, "matte", skin, "key"}},
        Connect{{curve, "image", win, "image"}}, Connect{{curve, "image", sky, "image"}},
        Connect{{curve, "image", sat, "image"}}, Connect{{skin, "matte", sat, "key"}},
        Connect{{curve, "image", hueSat, "image"}}, Connect{{sky, "matte", hueSat, "key"}},
        Connect{{curve, "image", par, "image"}}, Connect{{sat, "image", par, "a"}},
        Connect{{hueSat, "image", par, "b"}}, Connect{{par, "image", out, "image"}},
        SetParam{cdl, "slope", {1.04f, 1.0f, 0.96f}},
        SetParam{cdl, "offset", {0.004f, 0.0f, -0.004f}},
        SetParam{lgg, "gain", {1.0f, 1.0f, 1.0f, 1.05f}}, SetParam{blur, "radius", {1.5f}},
        SetParam{con, "contrast", {1.1f}}, SetParam{con, "pivot", {0.18f}},
        SetParam{curve, "master", {0.0f, 0.0f, 0.25f, 0.22f, 0.75f, 0.8f, 1.0f, 1.0f}},
        // Skin: orange hues, moderately saturated, mid-tones; its saturation pulled back.
        SetParam{skin, "hue", {0.07f}}, SetParam{skin, "huewidth", {0.08f}},
        SetParam{skin, "uselum", {1.0f}}, SetParam{skin, "lumlow", {0.05f}},
        SetParam{sat, "saturation", {0.85f}},
        // Sky: blues, given a richer hue-vs-saturation in the cyan-blue range.
        SetParam{sky, "hue", {0.6f}}, SetParam{sky, "huewidth", {0.12f}},
        SetParam{
            hueSat,
            "gain",
            {0.0f, 1.0f, 0.1667f, 1.0f, 0.3333f, 1.0f, 0.5f, 1.3f, 0.6667f, 1.35f, 0.8333f, 1.0f}},
        SetParam{win, "size", {0.4f}}, SetParam{win, "softness", {0.3f}}};
    for (const Command& c : edits) EMU_RETURN_IF_ERROR(e.apply(c));
    return e.grade();
}

}  // namespace emu::nodes
