#include "emulsion/panels/PanelSession.h"

#include <algorithm>

namespace emu::panels {

PanelSession::PanelSession(Mapping mapping, std::size_t queueCapacity)
    : m_router(std::move(mapping)), m_deltas(m_router.slots().size()), m_actions(queueCapacity) {}

graph::NodeId PanelSession::resolve(const graph::Grade& grade, const std::string& type,
                                    graph::NodeId currentNode) const {
    if (const graph::GradeNode* n = grade.node(currentNode); n && n->type == type) return n->id;
    graph::NodeId first = 0;
    for (const graph::GradeNode& n : grade.nodes()) {
        if (n.type == type && (first == 0 || n.id < first)) first = n.id;
    }
    return first;
}

FrameInput PanelSession::takeFrame(const graph::Grade& grade, graph::NodeId currentNode) {
    FrameInput frame;
    const std::vector<ParamSlot>& slots = m_router.slots();
    for (const DeltaAccumulator::Pending& p : m_deltas.drain()) {
        const ParamSlot& s = slots[p.slot];
        const graph::NodeId node = resolve(grade, s.nodeType, currentNode);
        if (node == 0) {
            m_missing += p.reports;
            continue;
        }
        graph::NudgeParam nudge;
        nudge.node = node;
        nudge.param = s.param;
        nudge.component = s.component;
        nudge.delta = static_cast<float>(p.delta);
        frame.commands.emplace_back(std::in_place_type<graph::NudgeParam>, std::move(nudge));
        frame.reports += p.reports;
        frame.oldestNs = frame.oldestNs == 0 ? p.oldestNs : std::min(frame.oldestNs, p.oldestNs);
    }
    for (const QueuedAction& a : m_actions.popAll()) {
        const graph::GradeNode* node = grade.node(currentNode);
        if (a.action == Action::Bypass && node) {
            frame.commands.push_back(graph::Bypass{node->id, !node->bypass});
        } else if (a.action == Action::ResetNode && node) {
            frame.commands.push_back(graph::ResetNode{node->id});
        } else {
            frame.stationActions.push_back(a.action);
        }
    }
    return frame;
}

}  // namespace emu::panels
