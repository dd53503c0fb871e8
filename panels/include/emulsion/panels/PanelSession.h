#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "emulsion/graph/Commands.h"
#include "emulsion/panels/ActionQueue.h"
#include "emulsion/panels/DeltaAccumulator.h"
#include "emulsion/panels/SurfaceRouter.h"

namespace emu::panels {

// What one rendered frame takes from the panels: the grade edits (as Commands, to apply
// through the GradeEditor) and the actions the station carries out itself.
struct FrameInput {
    std::vector<graph::Command> commands;
    std::vector<Action> stationActions;  // next node, play, grab still, undo, redo...
    std::uint64_t reports = 0;           // relative reports folded into the commands
    std::int64_t oldestNs = 0;           // time of the oldest of them (0 when none)
};

// The panels' side of the engine: a router with its delta accumulator and action queue.
// Input threads call router().handle(); the engine calls takeFrame() once per frame.
// Panels change the grade only through the Commands takeFrame() returns.
// Thread: takeFrame() from the engine thread; the rest is safe from input threads.
class PanelSession {
public:
    explicit PanelSession(Mapping mapping, std::size_t queueCapacity = 256);

    // Drains the accumulator and the queue into commands for `grade`: a parameter binding
    // names a node type and goes to `currentNode` when it is of that type, else to the first
    // node of that type; a binding whose type is not in the grade is dropped (counted).
    FrameInput takeFrame(const graph::Grade& grade, graph::NodeId currentNode = 0);

    void handle(const SurfaceEvent& event) { m_router.handle(event, m_deltas, m_actions); }

    SurfaceRouter& router() { return m_router; }
    DeltaAccumulator& deltas() { return m_deltas; }
    ActionQueue& actions() { return m_actions; }
    std::uint64_t droppedForMissingNode() const { return m_missing; }

private:
    graph::NodeId resolve(const graph::Grade& grade, const std::string& type,
                          graph::NodeId currentNode) const;

    SurfaceRouter m_router;
    DeltaAccumulator m_deltas;
    ActionQueue m_actions;
    std::uint64_t m_missing = 0;
};

}  // namespace emu::panels
