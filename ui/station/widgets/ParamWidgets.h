#pragma once

#include "../StationState.h"

namespace emu::station {

// Widgets derived from the node descriptions: each parameter drawn as its UiHint says (slider,
// wheel, checkbox, combo, curve editor, numbers), every change sent as a SetParam through
// state.edit(). Thread: UI thread, inside an ImGui window.

// One parameter of node `node`. Returns whether it changed.
bool paramWidget(StationState& state, const graph::GradeNode& node, const graph::ParamDesc& param);

// Every parameter of `node` (none for an unknown node).
void nodeParams(StationState& state, graph::NodeId node);

// A colour wheel for a per-channel + master (Rgba) parameter: the puck moves the balance at
// constant average, the ring below it the master, and the numbers beneath take typed values.
bool colourWheel(StationState& state, const graph::GradeNode& node, const graph::ParamDesc& param,
                 float radiusPx);

// A curve (x, y pairs) as points on a graph: drag a point, double-click to add one,
// right-click to remove one.
bool curveEditor(StationState& state, const graph::GradeNode& node, const graph::ParamDesc& param,
                 float sizePx);

}  // namespace emu::station
