#include "Highlight.h"

#include <string>
#include <vector>

#include "emulsion/graph/Commands.h"
#include "emulsion/graph/NodeType.h"

namespace emu::station {

namespace {

constexpr float kSubtract = 2.0f;  // the key mixer's mode: a * (1 - b)

}  // namespace

Result<graph::Grade> highlightGrade(const graph::Grade& grade, graph::NodeId node,
                                    const graph::NodeRegistry& registry) {
    const graph::GradeNode* matte = grade.node(node);
    const graph::NodeType* type = matte ? registry.find(matte->type) : nullptr;
    if (!type || (type->shape != graph::NodeShape::MatteGenerator &&
                  type->shape != graph::NodeShape::KeyMixer)) {
        return makeError(ErrorCode::InvalidArgument,
                         "highlight needs a qualifier, window or key mixer node selected");
    }
    const graph::GradeNode* output = nullptr;
    for (const graph::GradeNode& n : grade.nodes()) {
        if (n.type == "output") output = &n;
    }
    const graph::Connection* last = output ? grade.inputOf(output->id, "image") : nullptr;
    if (!last) return makeError(ErrorCode::InvalidArgument, "the grade has no connected output");
    const graph::Connection shown = *last;  // copied: the editor below changes the grade

    graph::GradeEditor editor(registry, grade);
    auto apply = [&](const graph::Command& c, graph::NodeId* added = nullptr) {
        return editor.apply(c, added);
    };
    // 1 - matte, whatever feeds the node (a key on it included): a key mixer subtracting the
    // node's matte from one that selects everything (a qualifier with no range enabled).
    graph::NodeId everything = 0, outside = 0;
    EMU_RETURN_IF_ERROR(apply(graph::AddNode{"qualifier"}, &everything));
    for (const char* range : {"usehue", "usesat", "uselum"}) {
        EMU_RETURN_IF_ERROR(apply(graph::SetParam{everything, range, {0.0f}}));
    }
    EMU_RETURN_IF_ERROR(
        apply(graph::Connect{{shown.fromNode, shown.fromPort, everything, "image"}}));
    EMU_RETURN_IF_ERROR(apply(graph::AddNode{"keymix"}, &outside));
    EMU_RETURN_IF_ERROR(apply(graph::SetParam{outside, "mode", {kSubtract}}));
    EMU_RETURN_IF_ERROR(apply(graph::Connect{{everything, "matte", outside, "a"}}));
    EMU_RETURN_IF_ERROR(apply(graph::Connect{{node, "matte", outside, "b"}}));
    // Grey where that keys, the picture elsewhere.
    graph::NodeId grey = 0;
    EMU_RETURN_IF_ERROR(apply(graph::AddNode{"cdl"}, &grey));
    EMU_RETURN_IF_ERROR(apply(graph::SetParam{grey, "slope", {0.0f, 0.0f, 0.0f}}));
    EMU_RETURN_IF_ERROR(
        apply(graph::SetParam{grey, "offset", {kHighlightGrey, kHighlightGrey, kHighlightGrey}}));
    EMU_RETURN_IF_ERROR(apply(graph::SetParam{grey, "saturation", {0.0f}}));
    EMU_RETURN_IF_ERROR(apply(graph::Disconnect{output->id, "image"}));
    EMU_RETURN_IF_ERROR(apply(graph::Connect{{shown.fromNode, shown.fromPort, grey, "image"}}));
    EMU_RETURN_IF_ERROR(apply(graph::Connect{{outside, "matte", grey, "key"}}));
    EMU_RETURN_IF_ERROR(apply(graph::Connect{{grey, "image", output->id, "image"}}));
    EMU_RETURN_IF_ERROR(editor.grade().validate(registry));
    return editor.grade();
}

}  // namespace emu::station
