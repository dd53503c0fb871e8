#include "emulsion/graph/NodeDesc.h"

namespace emu::graph {

int ParamDesc::blockSize() const {
    switch (type) {
        case ParamType::Float:
        case ParamType::Int:
        case ParamType::Bool:
        case ParamType::Enum:
            return 1;
        case ParamType::Rgb:
            return 3;
        case ParamType::Rgba:
            return 4;
        // Point count first, then the (x, y) pairs.
        case ParamType::Curve:
        case ParamType::Points:
            return 1 + 2 * kMaxCurvePoints;
        // Strings stay on the CPU: the node's code is built from them (OCIO transforms).
        case ParamType::Text:
            return 0;
    }
    return 1;
}

bool ParamDesc::validSize(std::size_t size) const {
    if (type == ParamType::Curve || type == ParamType::Points) {
        return size % 2 == 0 && size <= 2 * kMaxCurvePoints;
    }
    if (type == ParamType::Text) return false;
    return static_cast<int>(size) == blockSize();
}

const ParamDesc* NodeDesc::findParam(const std::string& paramId) const {
    int i = paramIndex(paramId);
    return i < 0 ? nullptr : &params[i];
}

int NodeDesc::paramIndex(const std::string& paramId) const {
    for (std::size_t i = 0; i < params.size(); ++i) {
        if (params[i].id == paramId) return static_cast<int>(i);
    }
    return -1;
}

int NodeDesc::inputIndex(const std::string& portId) const {
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        if (inputs[i].id == portId) return static_cast<int>(i);
    }
    return -1;
}

int NodeDesc::outputIndex(const std::string& portId) const {
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        if (outputs[i].id == portId) return static_cast<int>(i);
    }
    return -1;
}

std::vector<int> NodeDesc::blockOffsets() const {
    std::vector<int> offsets;
    int at = 0;
    for (const ParamDesc& p : params) {
        offsets.push_back(at);
        at += p.blockSize();
    }
    return offsets;
}

int NodeDesc::blockSize() const {
    int size = 0;
    for (const ParamDesc& p : params) size += p.blockSize();
    return size;
}

}  // namespace emu::graph

#include "emulsion/graph/NodeType.h"

namespace emu::graph {

void setPortsForShape(NodeDesc& desc, NodeShape shape, bool matte) {
    using P = PortType;
    desc.kind = shape == NodeShape::Spatial ? NodeKind::Spatial : NodeKind::Pointwise;
    switch (shape) {
        case NodeShape::Source:
            desc.inputs = {};
            desc.outputs = {{"image", P::Image}};
            break;
        case NodeShape::Output:
            desc.inputs = {{"image", P::Image}};
            desc.outputs = {};
            break;
        case NodeShape::Corrector:
            desc.inputs = {{"image", P::Image}, {"key", P::Matte, true}};
            desc.outputs = {{"image", P::Image}, {"key", P::Matte}};
            break;
        case NodeShape::MatteGenerator:
            desc.inputs = {{"image", P::Image}, {"key", P::Matte, true}};
            desc.outputs = {{"matte", P::Matte}};
            break;
        case NodeShape::KeyMixer:
            desc.inputs = {{"a", P::Matte}, {"b", P::Matte, true}};
            desc.outputs = {{"matte", P::Matte}};
            break;
        case NodeShape::ImageMixer:
            desc.inputs = {{"image", P::Image},
                           {"a", P::Image, true},
                           {"b", P::Image, true},
                           {"c", P::Image, true}};
            desc.outputs = {{"image", P::Image}};
            break;
        case NodeShape::Spatial: {
            P t = matte ? P::Matte : P::Image;
            const char* id = matte ? "matte" : "image";
            desc.inputs = {{id, t}};
            desc.outputs = {{id, t}};
            break;
        }
    }
}

}  // namespace emu::graph
