#pragma once

#include <string>
#include <variant>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/graph/Grade.h"

namespace emu::graph {

// The edits a user can make to a grade. The station, control surfaces, the project log and
// scripted tests all send these; none edits a Grade directly.
struct AddNode {
    std::string type;
    std::string label;
    NodeId id = 0;  // 0: the next free id
};
struct RemoveNode {
    NodeId node;
};
struct Connect {
    Connection connection;
};
struct Disconnect {
    NodeId node;
    std::string port;
};
struct SetParam {
    NodeId node;
    std::string param;
    std::vector<float> value;
};
// A Text parameter (a LUT file, a colour space name).
struct SetText {
    NodeId node;
    std::string param;
    std::string text;
};
// Relative change of one component, as a ring or knob sends it; clamped to the range.
struct NudgeParam {
    NodeId node;
    std::string param;
    int component = 0;
    float delta = 0.0f;
};
struct Bypass {
    NodeId node;
    bool bypass = true;
};
struct ResetNode {
    NodeId node;
};
// The name the colourist gives a node ("Skin", "Sky key"); empty gives it back its type's name.
// At most kMaxLabelBytes, no control characters.
struct SetLabel {
    NodeId node;
    std::string label;
};
inline constexpr std::size_t kMaxLabelBytes = 64;

using Command = std::variant<AddNode, RemoveNode, Connect, Disconnect, SetParam, SetText,
                             NudgeParam, Bypass, ResetNode, SetLabel>;

// A grade with its undo and redo stacks. Every applied command is checked against the node
// descriptions (unknown node, parameter or port, wrong size, out of range) and refused whole
// if wrong, leaving the grade untouched.
// Thread: one owner (the engine's command thread).
class GradeEditor {
public:
    GradeEditor(const NodeRegistry& registry, Grade grade = Grade::identity());

    const Grade& grade() const { return m_grade; }

    // Applies the command; on success it can be undone. Returns the id of an added node
    // through `addedId` when given.
    Status apply(const Command& command, NodeId* addedId = nullptr);

    bool canUndo() const { return !m_undo.empty(); }
    bool canRedo() const { return !m_redo.empty(); }
    bool undo();
    bool redo();

    // Whether the last command changed only numeric parameter values or a label (so a renderer
    // may keep its plan and pipelines and re-upload parameters; an OCIO node's interpolation or
    // direction still changes its transform, which GradeRenderer notices by OCIO's cache id).
    // A SetText is not: the node's code is built from its text (a LUT file, colour spaces).
    bool lastChangeWasParamsOnly() const { return m_paramsOnly; }

private:
    Status applyTo(Grade& grade, const Command& command, NodeId* addedId) const;

    const NodeRegistry& m_registry;
    Grade m_grade;
    // Whole snapshots: grades are a few dozen nodes, and a snapshot cannot get out of step
    // with the command the way a hand-written inverse can.
    std::vector<Grade> m_undo;
    std::vector<Grade> m_redo;
    bool m_paramsOnly = false;
};

}  // namespace emu::graph
