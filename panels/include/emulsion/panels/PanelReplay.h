#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/graph/Commands.h"
#include "emulsion/panels/Mapping.h"
#include "emulsion/panels/PanelSession.h"
#include "emulsion/panels/Recording.h"

namespace emu::panels {

struct ReplayOptions {
    // Real time: the recording plays on a device thread at its recorded pace while this
    // thread renders once per display refresh. Otherwise it runs as fast as possible on a
    // virtual clock (the recording's own times), frames falling at the same refresh ticks.
    bool realTime = false;
    double refreshHz = 60.0;
    graph::NodeId currentNode = 0;  // the node the colourist is on (0: first of each type)
};

struct ReplayResult {
    graph::Grade grade;
    DecodeStats decode;
    std::uint64_t frames = 0;               // frames rendered (each applied what was pending)
    std::uint64_t refreshTicks = 0;         // display refreshes the replay spanned
    std::vector<std::uint64_t> frameTicks;  // the refresh each frame was shown at
    std::uint64_t commandsApplied = 0;
    std::uint64_t commandsRefused = 0;   // refused by the GradeEditor (e.g. unknown node)
    std::size_t pendingAfter = 0;        // parameter slots still waiting at the end
    std::size_t queuedAfter = 0;         // actions still queued at the end
    std::vector<Action> stationActions;  // what the station would have done, in order
    // Real time only, [ns]: per report, from when it was due to when its change was in the
    // accumulator (the parameter state the next frame reads); per frame, from the oldest
    // report it applied to the moment its commands were applied to the grade.
    std::vector<std::int64_t> routeLatenciesNs;
    std::vector<std::int64_t> applyLatenciesNs;
    bool inputRealTime = false;  // the input thread ran under the real-time scheduler
};

// Called after each frame's commands were applied: what a renderer does with the grade.
using FrameHook = std::function<Status(const graph::Grade& grade)>;

// Plays `recording` through its driver and `mapping` onto `grade`, applying the Commands a
// PanelSession produces through a GradeEditor once per display refresh, as the station does.
// Fails when the recording names an unknown driver or the mapping does not fit the registry.
Result<ReplayResult> replayRecording(const Recording& recording, const Mapping& mapping,
                                     const graph::NodeRegistry& registry, graph::Grade grade,
                                     const ReplayOptions& options, const FrameHook& onFrame = {});

}  // namespace emu::panels
