#include "emulsion/graph/Commands.h"

#include <algorithm>

namespace emu::graph {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

Status missingNode(NodeId id) {
    return makeError(ErrorCode::NotFound, "no node " + std::to_string(id) + " in the grade");
}

struct Found {
    GradeNode* node = nullptr;
    const NodeType* type = nullptr;
    const ParamDesc* param = nullptr;
};

Result<Found> findParam(Grade& grade, const NodeRegistry& registry, NodeId id,
                        const std::string& param) {
    Found f;
    f.node = grade.node(id);
    if (!f.node) return missingNode(id);
    f.type = registry.find(f.node->type);
    if (!f.type) {
        return makeError(ErrorCode::NotFound, describeNode(*f.node) + ": unknown node type");
    }
    f.param = f.type->desc.findParam(param);
    if (!f.param) {
        return makeError(ErrorCode::NotFound,
                         describeNode(*f.node) + " has no parameter '" + param + "'");
    }
    return f;
}

}  // namespace

GradeEditor::GradeEditor(const NodeRegistry& registry, Grade grade)
    : m_registry(registry), m_grade(std::move(grade)) {}

Status GradeEditor::apply(const Command& command, NodeId* addedId) {
    Grade next = m_grade;
    EMU_RETURN_IF_ERROR(applyTo(next, command, addedId));
    m_paramsOnly =
        std::holds_alternative<SetParam>(command) || std::holds_alternative<NudgeParam>(command) ||
        std::holds_alternative<ResetNode>(command) || std::holds_alternative<SetLabel>(command);
    m_undo.push_back(std::move(m_grade));
    m_redo.clear();
    m_grade = std::move(next);
    return Status::ok();
}

bool GradeEditor::undo() {
    if (m_undo.empty()) return false;
    m_redo.push_back(std::move(m_grade));
    m_grade = std::move(m_undo.back());
    m_undo.pop_back();
    m_paramsOnly = false;
    return true;
}

bool GradeEditor::redo() {
    if (m_redo.empty()) return false;
    m_undo.push_back(std::move(m_grade));
    m_grade = std::move(m_redo.back());
    m_redo.pop_back();
    m_paramsOnly = false;
    return true;
}

Status GradeEditor::applyTo(Grade& g, const Command& command, NodeId* addedId) const {
    const NodeRegistry& reg = m_registry;
    return std::visit(
        Overloaded{
            [&](const AddNode& c) -> Status {
                const NodeType* type = reg.find(c.type);
                if (!type)
                    return makeError(ErrorCode::NotFound, "unknown node type '" + c.type + "'");
                if (c.id != 0 && g.node(c.id)) {
                    return makeError(ErrorCode::InvalidArgument,
                                     "node id " + std::to_string(c.id) + " is taken");
                }
                NodeId id = g.addNode({c.id, c.type, type->desc.version, c.label, false, {}, {}});
                if (addedId) *addedId = id;
                return Status::ok();
            },
            [&](const RemoveNode& c) -> Status {
                return g.removeNode(c.node) ? Status::ok() : missingNode(c.node);
            },
            [&](const Connect& c) -> Status {
                const GradeNode* from = g.node(c.connection.fromNode);
                const GradeNode* to = g.node(c.connection.toNode);
                if (!from) return missingNode(c.connection.fromNode);
                if (!to) return missingNode(c.connection.toNode);
                g.connect(c.connection);
                // A connection that makes a cycle or joins mismatched ports is refused here,
                // where the user made it, rather than at render time.
                if (auto order = g.topologicalOrder(); !order.isOk()) return order.status();
                const NodeType* toType = reg.find(to->type);
                const NodeType* fromType = reg.find(from->type);
                int in = toType ? toType->desc.inputIndex(c.connection.toPort) : -1;
                int out = fromType ? fromType->desc.outputIndex(c.connection.fromPort) : -1;
                if (in < 0)
                    return makeError(ErrorCode::NotFound, describeNode(*to) + " has no input '" +
                                                              c.connection.toPort + "'");
                if (out < 0)
                    return makeError(ErrorCode::NotFound, describeNode(*from) + " has no output '" +
                                                              c.connection.fromPort + "'");
                if (toType->desc.inputs[in].type != fromType->desc.outputs[out].type) {
                    return makeError(ErrorCode::InvalidArgument,
                                     "cannot connect " + describeNode(*from) + " '" +
                                         c.connection.fromPort + "' to " + describeNode(*to) +
                                         " '" + c.connection.toPort + "': port types differ");
                }
                return Status::ok();
            },
            [&](const Disconnect& c) -> Status {
                if (!g.disconnect(c.node, c.port)) {
                    return makeError(ErrorCode::NotFound, "input '" + c.port + "' of node " +
                                                              std::to_string(c.node) +
                                                              " is not connected");
                }
                return Status::ok();
            },
            [&](const SetParam& c) -> Status {
                EMU_ASSIGN_OR_RETURN(Found f, findParam(g, reg, c.node, c.param));
                EMU_RETURN_IF_ERROR(checkParam(*f.node, f.type->desc, c.param, c.value));
                f.node->params[c.param] = c.value;
                return Status::ok();
            },
            [&](const SetText& c) -> Status {
                EMU_ASSIGN_OR_RETURN(Found f, findParam(g, reg, c.node, c.param));
                EMU_RETURN_IF_ERROR(checkText(*f.node, f.type->desc, c.param, c.text));
                f.node->texts[c.param] = c.text;
                return Status::ok();
            },
            [&](const NudgeParam& c) -> Status {
                EMU_ASSIGN_OR_RETURN(Found f, findParam(g, reg, c.node, c.param));
                if (f.param->isText()) {
                    return makeError(ErrorCode::InvalidArgument,
                                     describeNode(*f.node) + ": parameter '" + c.param +
                                         "' is text and cannot be nudged");
                }
                std::vector<float> v = g.paramValue(*f.node, *f.param);
                if (c.component < 0 || c.component >= static_cast<int>(v.size())) {
                    return makeError(ErrorCode::InvalidArgument,
                                     describeNode(*f.node) + ": parameter '" + c.param +
                                         "' has no component " + std::to_string(c.component));
                }
                v[c.component] = std::clamp(v[c.component] + c.delta, f.param->min, f.param->max);
                f.node->params[c.param] = std::move(v);
                return Status::ok();
            },
            [&](const Bypass& c) -> Status {
                GradeNode* n = g.node(c.node);
                if (!n) return missingNode(c.node);
                n->bypass = c.bypass;
                return Status::ok();
            },
            [&](const ResetNode& c) -> Status {
                GradeNode* n = g.node(c.node);
                if (!n) return missingNode(c.node);
                n->params.clear();
                n->texts.clear();
                return Status::ok();
            },
            [&](const SetLabel& c) -> Status {
                GradeNode* n = g.node(c.node);
                if (!n) return missingNode(c.node);
                if (c.label.size() > kMaxLabelBytes) {
                    return makeError(ErrorCode::InvalidArgument,
                                     describeNode(*n) + ": a label takes at most " +
                                         std::to_string(kMaxLabelBytes) + " bytes");
                }
                // A label is one line of a node's box and of messages: no line breaks or tabs.
                const bool control = std::any_of(c.label.begin(), c.label.end(), [](char ch) {
                    return static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f;
                });
                if (control) {
                    return makeError(ErrorCode::InvalidArgument,
                                     describeNode(*n) + ": a label cannot hold control characters");
                }
                n->label = c.label;
                return Status::ok();
            },
        },
        command);
}

}  // namespace emu::graph
