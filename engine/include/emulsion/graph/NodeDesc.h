#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace emu::graph {

enum class PortType { Image, Matte };

struct PortDesc {
    std::string id;  // stable: "image", "key", "matte", "a", "b"...
    PortType type = PortType::Image;
    bool optional = false;  // an unconnected optional key reads as 1 (everywhere)
};

enum class ParamType {
    Float,   // one value
    Int,     // one value, whole numbers
    Bool,    // 0 or 1
    Enum,    // index into enumNames
    Rgb,     // three values, one per channel
    Rgba,    // per channel plus master (lift/gamma/gain wheels)
    Curve,   // up to kMaxCurvePoints (x, y) pairs, x ascending
    Points,  // up to kMaxCurvePoints (x, y) pairs in any order (polygon vertices)
    Text,    // a string (a file path, a colour space name): not in the parameter block
};

// Curves and polygons are fixed-capacity in the GPU parameter block: the block's layout never
// depends on a value, so an edit only rewrites numbers.
inline constexpr int kMaxCurvePoints = 16;

// How the station draws a parameter and how a control surface moves it.
enum class UiHint {
    Slider,
    Wheel,
    Knob,
    Checkbox,
    Combo,
    CurveEditor,
    Handles,
    Number,
    TextField,  // free text (colour space names)
    FilePath,   // a file chooser
};

struct ParamDesc {
    std::string id;     // stable lowercase: "gain", "pivot"
    std::string label;  // for people: "Gain"
    ParamType type = ParamType::Float;
    std::vector<float> defaultValue;  // component count as the type needs (curves: 2 per point)
    float min = 0.0f;                 // per component; curves: for x and y alike
    float max = 1.0f;
    float step = 0.01f;  // a nudge's unit (panels, arrow keys)
    std::string unit;    // "stops", "deg", "" ...
    UiHint ui = UiHint::Slider;
    std::string panelHint;  // "ring", "ball", "knob", "" for none
    std::vector<std::string> enumNames;
    std::string defaultText;  // Text parameters only

    // Floats this parameter occupies in the parameter block (0 for Text).
    int blockSize() const;
    // Components a value of this parameter must have (variable for Curve/Points: even, up to
    // 2 * kMaxCurvePoints; Text takes no numbers at all).
    bool validSize(std::size_t size) const;
    bool isText() const { return type == ParamType::Text; }
};

// What a node is for the planner.
enum class NodeKind {
    Pointwise,  // output pixel = f(input pixels at the same place): fused into one pass
    Spatial,    // reads a neighbourhood: its own pass, inputs materialised in images
};

// The one static description of a node type. Serialisation, validation, the GPU parameter
// block, undo, and (later) station widgets and panel mappings are all derived from it.
struct NodeDesc {
    std::string id;  // stable lowercase: "cdl", "lgg"
    int version = 1;
    std::string label;
    NodeKind kind = NodeKind::Pointwise;
    std::vector<PortDesc> inputs;
    std::vector<PortDesc> outputs;
    std::vector<ParamDesc> params;

    const ParamDesc* findParam(const std::string& paramId) const;
    int paramIndex(const std::string& paramId) const;  // -1 if absent
    int inputIndex(const std::string& portId) const;
    int outputIndex(const std::string& portId) const;
    // Offset of each parameter in the node's parameter block, and the block's size.
    std::vector<int> blockOffsets() const;
    int blockSize() const;
};

}  // namespace emu::graph
